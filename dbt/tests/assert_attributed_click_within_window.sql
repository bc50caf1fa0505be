-- An attributed click is never after its checkout nor more than the window before it.
select checkout_id, attributed_click_id, attributed_click_at, checked_out_at
from {{ ref('attributed_checkouts') }}
where attributed_click_id is not null
  and (
      attributed_click_at > checked_out_at
      or attributed_click_at < checked_out_at - interval '{{ var("attribution_window_minutes") }} minutes'
  )
