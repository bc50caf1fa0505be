{# Typed clicks, one row per click_id. Producers re-send events, so duplicates share a click_id: the first copy in
   Kafka order is kept (earliest Kafka timestamp, then partition and offset). dt is cast to a date because a Glue
   partition key may be declared as a string, and the incremental lookback does date arithmetic on it. #}
with ranked as (
    select
        click_id,
        user_id,
        product_id,
        product,
        cast(price as decimal(10, 2)) as price,
        url,
        user_agent,
        ip_address,
        datetime_occured as clicked_at,
        cast(dt as date) as dt,
        _kafka_partition,
        _kafka_offset,
        _ingested_at,
        row_number() over (
            partition by click_id
            order by _kafka_timestamp, _kafka_partition, _kafka_offset
        ) as copy_number
    from {{ source('clickbatch', 'clicks') }}
)

select
    click_id, user_id, product_id, product, price, url, user_agent, ip_address,
    clicked_at, dt, _kafka_partition, _kafka_offset, _ingested_at
from ranked
where copy_number = 1
