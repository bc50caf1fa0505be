-- First click: no eligible click (same user and product, within the window before the checkout) comes before the
-- attributed one (earlier time, or the same millisecond with a smaller click_id), and a checkout left without a
-- click really has no eligible click.
select a.checkout_id, a.attributed_click_id, cl.click_id as earlier_eligible_click_id
from {{ ref('attributed_checkouts') }} as a
inner join {{ ref('stg_clicks') }} as cl
    on cl.user_id = a.user_id
    and cl.product_id = a.product_id
    and cl.clicked_at >= a.checked_out_at - interval '{{ var("attribution_window_minutes") }} minutes'
    and cl.clicked_at <= a.checked_out_at
where a.attributed_click_id is null
   or cl.clicked_at < a.attributed_click_at
   or (cl.clicked_at = a.attributed_click_at and cl.click_id < a.attributed_click_id)
