using System.Globalization;
using System.Text;
using ClickBatch.Catalog.DuckDb;
using ClickBatch.Storage;
using DuckDB.NET.Data;

namespace ClickBatch.Jobs.Demo;

/// <summary>Reads the demo lake back with DuckDB through the symlink manifests, as Redshift Spectrum would.</summary>
public static class LakeSummary
{
    public static async Task<string> DescribeAsync(string lake, CancellationToken cancellationToken)
    {
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync(cancellationToken);
        var text = new StringBuilder("DuckDB reading the lake through its symlink manifests:\n");
        foreach (var table in new[] { "clicks", "checkouts" })
        {
            if (await ManifestViews.CreateAsync(duck, table, ObjectStoreFactory.Create(lake + "/" + table), cancellationToken))
            {
                text.Append(await ScalarLineAsync(duck, table,
                    $"SELECT count(*) || ' rows, ' || count(DISTINCT (_kafka_partition, _kafka_offset)) || ' distinct Kafka offsets, days ' || string_agg(DISTINCT CAST(dt AS VARCHAR), ', ' ORDER BY CAST(dt AS VARCHAR)) FROM \"{table}\"", cancellationToken));
            }

            if (await ManifestViews.CreateAsync(duck, table + "_rejects", ObjectStoreFactory.Create(lake + "/" + table + "_rejects"), cancellationToken))
            {
                text.Append(await ScalarLineAsync(duck, table + "_rejects",
                    $"SELECT sum(n) || ' rejects: ' || string_agg(kind || ' ' || n, ', ' ORDER BY kind) FROM (SELECT error_kind AS kind, count(*) AS n FROM \"{table}_rejects\" GROUP BY 1)", cancellationToken));
            }
        }

        return text.ToString().TrimEnd();
    }

    private static async Task<string> ScalarLineAsync(DuckDBConnection duck, string label, string sql, CancellationToken cancellationToken)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"  {label,-18} {value}\n");
    }
}
