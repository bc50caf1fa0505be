{# Typed checkouts, one row per checkout_id (first copy in Kafka order, as for clicks; dt cast as there). #}
with ranked as (
    select
        checkout_id,
        user_id,
        product_id,
        payment_method,
        cast(total_amount as decimal(10, 2)) as total_amount,
        shipping_address,
        billing_address,
        user_agent,
        ip_address,
        datetime_occured as checked_out_at,
        cast(dt as date) as dt,
        _kafka_partition,
        _kafka_offset,
        _ingested_at,
        row_number() over (
            partition by checkout_id
            order by _kafka_timestamp, _kafka_partition, _kafka_offset
        ) as copy_number
    from {{ source('clickbatch', 'checkouts') }}
)

select
    checkout_id, user_id, product_id, payment_method, total_amount, shipping_address, billing_address,
    user_agent, ip_address, checked_out_at, dt, _kafka_partition, _kafka_offset, _ingested_at
from ranked
where copy_number = 1
