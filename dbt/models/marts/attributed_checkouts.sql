{#
  First-click attribution (seed 001, objective 2): for every checkout, the earliest click by the same user on the
  same product in the hour before it, or none. The window is closed on both ends: a click exactly one hour before
  the checkout counts, and so does a click in the same millisecond as the checkout; a click after it never does.
  Two clicks in the same millisecond: the smaller click_id wins, so the result is deterministic.

  Incremental by dt: a run re-reads the last `lookback_days` days of checkouts (late events) and the clicks that
  can reach them (one more day, for checkouts just after midnight), and replaces those checkouts.
#}
{{
  config(
    materialized='incremental',
    unique_key='checkout_id',
    incremental_strategy='delete+insert'
  )
}}

with checkouts as (
    select * from {{ ref('stg_checkouts') }}
    {% if is_incremental() %}
    where dt >= {{ lookback_start() }}
    {% endif %}
),

clicks as (
    select * from {{ ref('stg_clicks') }}
    {% if is_incremental() %}
    where dt >= cast({{ lookback_start() }} - interval '1 day' as date)
    {% endif %}
),

candidates as (
    select
        co.checkout_id,
        cl.click_id,
        cl.clicked_at,
        row_number() over (
            partition by co.checkout_id
            order by cl.clicked_at, cl.click_id
        ) as click_rank
    from checkouts as co
    inner join clicks as cl
        on cl.user_id = co.user_id
        and cl.product_id = co.product_id
        and cl.clicked_at >= co.checked_out_at - interval '{{ var("attribution_window_minutes") }} minutes'
        and cl.clicked_at <= co.checked_out_at
)

select
    co.checkout_id,
    co.user_id,
    co.product_id,
    co.payment_method,
    co.total_amount,
    co.checked_out_at,
    co.dt,
    ca.click_id as attributed_click_id,
    ca.clicked_at as attributed_click_at
from checkouts as co
left join candidates as ca
    on ca.checkout_id = co.checkout_id
    and ca.click_rank = 1
