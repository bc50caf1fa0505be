-- An attributed click belongs to the checkout's user and product (another user's click never counts).
select a.checkout_id, a.attributed_click_id
from {{ ref('attributed_checkouts') }} as a
inner join {{ ref('stg_clicks') }} as cl
    on cl.click_id = a.attributed_click_id
where cl.user_id <> a.user_id
   or cl.product_id <> a.product_id
