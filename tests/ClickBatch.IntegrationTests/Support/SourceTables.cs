using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// Hand-built <c>clickbatch.clicks</c> and <c>clickbatch.checkouts</c> tables shaped like the ones the run job
/// lands (same columns and types), for attribution cases too small to need Kafka. Kafka coordinates follow the
/// order rows are added in, so a repeated id is a later copy, as a producer's re-send would be.
/// </summary>
public sealed class SourceTables
{
    private const string KafkaColumns = "_kafka_partition INTEGER, _kafka_offset BIGINT, _kafka_timestamp TIMESTAMPTZ, _kafka_key BLOB, "
        + "_run_id VARCHAR, _ingested_at TIMESTAMPTZ, _unknown_fields VARCHAR, dt DATE";

    private readonly List<AttributionEvent> _clicks = [];
    private readonly List<AttributionEvent> _checkouts = [];
    private readonly StringBuilder _pending = new();
    private long _offset;

    public IReadOnlyList<AttributionEvent> Clicks => _clicks;

    public IReadOnlyList<AttributionEvent> Checkouts => _checkouts;

    public static async Task<SourceTables> CreateAsync(DuckDBConnection duck)
    {
        await DbtWorkbench.ExecuteAsync(duck, "CREATE SCHEMA clickbatch");
        await DbtWorkbench.ExecuteAsync(duck, "CREATE TABLE clickbatch.clicks (click_id VARCHAR, user_id INTEGER, product_id VARCHAR, product VARCHAR, "
            + "price DECIMAL(10,2), url VARCHAR, user_agent VARCHAR, ip_address VARCHAR, datetime_occured TIMESTAMPTZ, " + KafkaColumns + ")");
        await DbtWorkbench.ExecuteAsync(duck, "CREATE TABLE clickbatch.checkouts (checkout_id VARCHAR, user_id INTEGER, product_id VARCHAR, "
            + "payment_method VARCHAR, total_amount DECIMAL(10,2), shipping_address VARCHAR, billing_address VARCHAR, user_agent VARCHAR, "
            + "ip_address VARCHAR, datetime_occured TIMESTAMPTZ, " + KafkaColumns + ")");
        return new SourceTables();
    }

    public SourceTables Click(string id, int user, string product, DateTimeOffset at)
    {
        _clicks.Add(new AttributionEvent(id, user, product, at));
        _pending.Append(CultureInfo.InvariantCulture,
            $"INSERT INTO clickbatch.clicks VALUES ('{id}', {user}, '{product}', 'Product {product}', 19.99, 'https://shop/{product}', 'ua', '10.0.0.1', {Time(at)}, {Kafka(user, at)});\n");
        return this;
    }

    public SourceTables Checkout(string id, int user, string product, DateTimeOffset at, decimal amount = 24.98m)
    {
        _checkouts.Add(new AttributionEvent(id, user, product, at));
        _pending.Append(CultureInfo.InvariantCulture,
            $"INSERT INTO clickbatch.checkouts VALUES ('{id}', {user}, '{product}', 'card', {amount}, 'ship', 'bill', 'ua', '10.0.0.1', {Time(at)}, {Kafka(user, at)});\n");
        return this;
    }

    /// <summary>Inserts the rows added since the last call.</summary>
    public async Task WriteAsync(DuckDBConnection duck)
    {
        await DbtWorkbench.ExecuteAsync(duck, _pending.ToString());
        _pending.Clear();
    }

    private static string Time(DateTimeOffset at) => "TIMESTAMPTZ '" + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+00'";

    private string Kafka(int user, DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture,
        $"{user % 4}, {_offset++}, {Time(at)}, NULL, 'run-1', {Time(at.AddHours(1))}, NULL, DATE '{at.UtcDateTime:yyyy-MM-dd}'");
}
