namespace ClickBatch.Jobs.Demo;

/// <summary>
/// The demo's fallback for when the dbt project cannot be rendered (no repository checkout, or no python3/Jinja2):
/// the same first-click attribution as <c>dbt/models/marts/attributed_checkouts.sql</c> over the staging models'
/// deduplication, in one DuckDB query over <c>clickbatch.clicks</c> and <c>clickbatch.checkouts</c>. The
/// integration tests check that it agrees with the rendered dbt model on the same lake.
/// </summary>
public static class AttributionSql
{
    /// <summary>Columns: checkout_id, user_id, product_id, total_amount, checked_out_at, attributed_click_id.</summary>
    public const string AttributedCheckouts = """
        WITH clicks AS (
            SELECT click_id, user_id, product_id, datetime_occured AS clicked_at
            FROM clickbatch.clicks
            QUALIFY row_number() OVER (PARTITION BY click_id ORDER BY _kafka_timestamp, _kafka_partition, _kafka_offset) = 1
        ),
        checkouts AS (
            SELECT checkout_id, user_id, product_id, total_amount, datetime_occured AS checked_out_at
            FROM clickbatch.checkouts
            QUALIFY row_number() OVER (PARTITION BY checkout_id ORDER BY _kafka_timestamp, _kafka_partition, _kafka_offset) = 1
        ),
        first_clicks AS (
            SELECT co.checkout_id, cl.click_id
            FROM checkouts AS co
            JOIN clicks AS cl
              ON cl.user_id = co.user_id AND cl.product_id = co.product_id
             AND cl.clicked_at BETWEEN co.checked_out_at - INTERVAL 60 MINUTE AND co.checked_out_at
            QUALIFY row_number() OVER (PARTITION BY co.checkout_id ORDER BY cl.clicked_at, cl.click_id) = 1
        )
        SELECT co.checkout_id, co.user_id, co.product_id, co.total_amount, co.checked_out_at, fc.click_id AS attributed_click_id
        FROM checkouts AS co
        LEFT JOIN first_clicks AS fc ON fc.checkout_id = co.checkout_id
        """;
}
