using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace ClickBatch.Jobs.Demo;

/// <summary>The text the demo prints about attribution, from the <c>attribution</c> table <see cref="AttributionSummary"/> fills.</summary>
internal static class AttributionReport
{
    /// <summary>Checkouts, the share attributed with its revenue, and the top 5 products, from temp table <c>attribution</c>.</summary>
    public static async Task<string> FormatAsync(DuckDBConnection duck, string engine, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"First-click attribution (DuckDB over the lake, {engine}):\n");
        await using (var totals = duck.CreateCommand())
        {
            totals.CommandText = "SELECT count(*), count(attributed_click_id), coalesce(sum(total_amount) FILTER (WHERE attributed_click_id IS NOT NULL), 0) FROM attribution";
            await using var reader = await totals.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (checkouts, attributed) = (reader.GetInt64(0), reader.GetInt64(1));
            text.Append(CultureInfo.InvariantCulture, $"  checkouts           {checkouts}\n");
            text.Append(CultureInfo.InvariantCulture, $"  attributed          {attributed} ({(checkouts == 0 ? 0 : 100.0 * attributed / checkouts):0.0}%), revenue {reader.GetDecimal(2):N2}\n");
        }

        text.Append("  top 5 products by attributed revenue:\n");
        await AppendTopProductsAsync(duck, text, cancellationToken);
        return text.ToString().TrimEnd();
    }

    private static async Task AppendTopProductsAsync(DuckDBConnection duck, StringBuilder text, CancellationToken cancellationToken)
    {
        await using var top = duck.CreateCommand();
        top.CommandText = $"""
            SELECT coalesce(p.product, a.product_id), sum(a.total_amount) AS revenue, count(*) AS checkouts
            FROM attribution AS a
            LEFT JOIN (SELECT product_id, min(product) AS product FROM {AttributionSummary.SourceSchema}.clicks GROUP BY product_id) AS p ON p.product_id = a.product_id
            WHERE a.attributed_click_id IS NOT NULL
            GROUP BY 1 ORDER BY revenue DESC, 1 LIMIT 5
            """;
        await using var reader = await top.ExecuteReaderAsync(cancellationToken);
        for (var rank = 1; await reader.ReadAsync(cancellationToken); rank++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {rank}. {reader.GetString(0),-40} {reader.GetDecimal(1),12:N2}  ({reader.GetInt64(2)} checkouts)\n");
        }
    }
}
