{# The first dt an incremental run re-reads: `lookback_days` before the newest dt already in the model, or every
   day when the model is still empty (max() of no rows is null, and `dt >= null` would select nothing, leaving the
   model empty until a --full-refresh). `date - interval` works on both Redshift and DuckDB; the cast keeps the
   comparison on dates. #}
{% macro lookback_start(dt_column='dt') -%}
    (select coalesce(cast(max({{ dt_column }}) - interval '{{ var("lookback_days") }} days' as date), cast('1900-01-01' as date)) from {{ this }})
{%- endmacro %}
