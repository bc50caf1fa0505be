using System.Globalization;
using System.Text;
using ClickBatch.Catalog.Dbt;
using ClickBatch.Catalog.DuckDb;
using ClickBatch.Errors;
using ClickBatch.Storage;
using DuckDB.NET.Data;

namespace ClickBatch.Jobs.Demo;

/// <summary>
/// The end of <c>clickbatch demo</c>: first-click attribution over the local lake with DuckDB (issue 7). Runs the
/// real dbt models, rendered by <c>scripts/dbt_render.py</c>, when the repository and python3+Jinja2 are there;
/// otherwise the equivalent <see cref="AttributionSql"/>, and says so.
/// </summary>
public static class AttributionSummary
{
    /// <summary>The source schema the dbt project reads (its <c>clickbatch_schema</c> var's default).</summary>
    public const string SourceSchema = "clickbatch";

    /// <summary>The source tables of a lake laid out as <c>clickbatch run</c> and <c>demo</c> write it: <c>&lt;lake&gt;/&lt;topic&gt;[_rejects]</c>.</summary>
    public static IReadOnlyDictionary<string, string> LakeTables(string lake) =>
        new[] { "clicks", "checkouts", "clicks_rejects", "checkouts_rejects" }.ToDictionary(t => t, t => lake + "/" + t, StringComparer.Ordinal);

    /// <summary>Checkouts, the share attributed and the top products by attributed revenue, as text.</summary>
    /// <param name="tables">dbt source table name (clicks, checkouts, clicks_rejects, checkouts_rejects) to Delta table location.</param>
    /// <param name="renderer">Path of <c>scripts/dbt_render.py</c>, or null to use <see cref="AttributionSql"/>.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public static async Task<string> DescribeAsync(IReadOnlyDictionary<string, string> tables, string? renderer, CancellationToken cancellationToken)
    {
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync(cancellationToken);
        if (!await RegisterSourcesAsync(duck, tables, cancellationToken))
        {
            return "First-click attribution: the lake has no clicks or no checkouts yet.";
        }

        var engine = await BuildAttributionAsync(duck, renderer, cancellationToken);
        return await FormatAsync(duck, engine, cancellationToken);
    }

    /// <summary>
    /// Views <c>clickbatch.&lt;table&gt;</c> over each Delta table's manifests, as the Spectrum external schema the
    /// dbt sources read; (re)creating them picks up files of later runs. False without both clicks and checkouts.
    /// </summary>
    public static async Task<bool> RegisterSourcesAsync(DuckDBConnection duck, IReadOnlyDictionary<string, string> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await ExecuteAsync(duck, $"CREATE SCHEMA IF NOT EXISTS {SourceSchema}", cancellationToken);
        var found = 0;
        foreach (var (table, location) in tables)
        {
            if (await ManifestViews.CreateAsync(duck, "lake_" + table, ObjectStoreFactory.Create(location), cancellationToken))
            {
                await ExecuteAsync(duck, $"CREATE OR REPLACE VIEW {SourceSchema}.{table} AS SELECT * FROM main.lake_{table}", cancellationToken);
                found += table is "clicks" or "checkouts" ? 1 : 0;
            }
        }

        return found == 2;
    }

    /// <summary>Fills temp table <c>attribution</c> (checkout_id, product_id, total_amount, attributed_click_id); returns how.</summary>
    private static async Task<string> BuildAttributionAsync(DuckDBConnection duck, string? renderer, CancellationToken cancellationToken)
    {
        string note;
        if (renderer is null)
        {
            note = $"embedded SQL equal to dbt/models/marts/attributed_checkouts.sql ({DbtRenderer.ScriptPath} not found next to this binary)";
        }
        else
        {
            try
            {
                await DuckDbDbtRunner.RunModelsAsync(duck, await DbtRenderer.RenderAsync(renderer, incremental: false, cancellationToken), cancellationToken);
                await ExecuteAsync(duck, "CREATE TEMP TABLE attribution AS SELECT checkout_id, product_id, total_amount, attributed_click_id FROM attributed_checkouts", cancellationToken);
                return $"the dbt models rendered by {renderer}";
            }
            catch (DbtRenderException error)
            {
                note = "embedded SQL equal to dbt/models/marts/attributed_checkouts.sql (rendering the dbt project failed: " + error.Message + ")";
            }
        }

        await ExecuteAsync(duck, "CREATE TEMP TABLE attribution AS SELECT checkout_id, product_id, total_amount, attributed_click_id FROM (" + AttributionSql.AttributedCheckouts + ")", cancellationToken);
        return note;
    }

    private static async Task<string> FormatAsync(DuckDBConnection duck, string engine, CancellationToken cancellationToken)
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
            LEFT JOIN (SELECT product_id, min(product) AS product FROM {SourceSchema}.clicks GROUP BY product_id) AS p ON p.product_id = a.product_id
            WHERE a.attributed_click_id IS NOT NULL
            GROUP BY 1 ORDER BY revenue DESC, 1 LIMIT 5
            """;
        await using var reader = await top.ExecuteReaderAsync(cancellationToken);
        for (var rank = 1; await reader.ReadAsync(cancellationToken); rank++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {rank}. {reader.GetString(0),-40} {reader.GetDecimal(1),12:N2}  ({reader.GetInt64(2)} checkouts)\n");
        }
    }

    private static async Task ExecuteAsync(DuckDBConnection duck, string sql, CancellationToken cancellationToken)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
