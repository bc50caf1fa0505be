{# The first dt an incremental run re-reads: `lookback_days` before the newest dt already in the model.
   `date - interval` works on both Redshift and DuckDB; the cast keeps the comparison on dates. #}
{% macro lookback_start(dt_column='dt') -%}
    (select cast(max({{ dt_column }}) - interval '{{ var("lookback_days") }} days' as date) from {{ this }})
{%- endmacro %}
