{# One big table: each checkout with its attributed click (if any) and the attribution facts analysts filter on. #}
{{
  config(
    materialized='incremental',
    unique_key='checkout_id',
    incremental_strategy='delete+insert'
  )
}}

select
    a.checkout_id,
    a.user_id,
    a.product_id,
    a.payment_method,
    a.total_amount,
    a.checked_out_at,
    a.dt,
    co.shipping_address,
    co.billing_address,
    a.attributed_click_id,
    a.attributed_click_at,
    cl.product as attributed_product,
    cl.price as attributed_click_price,
    cl.url as attributed_url,
    cl.user_agent as attributed_user_agent,
    a.attributed_click_id is not null as is_attributed,
    'first_click_{{ var("attribution_window_minutes") }}m' as attribution_model
from {{ ref('attributed_checkouts') }} as a
inner join {{ ref('stg_checkouts') }} as co
    on co.checkout_id = a.checkout_id
left join {{ ref('stg_clicks') }} as cl
    on cl.click_id = a.attributed_click_id
{% if is_incremental() %}
where a.dt >= {{ lookback_start() }}
{% endif %}
