using ClickBatch.Catalog.Dbt;
using ClickBatch.Catalog.DuckDb;
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
        return await AttributionReport.FormatAsync(duck, engine, cancellationToken);
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
        var fallback = "embedded SQL equal to dbt/models/marts/attributed_checkouts.sql";
        if (renderer is null)
        {
            fallback += $" ({DbtRenderer.ScriptPath} not found above the working directory or this binary)";
        }
        else
        {
            try
            {
                await DuckDbDbtRunner.RunModelsAsync(duck, await DbtRenderer.RenderAsync(renderer, incremental: false, cancellationToken), cancellationToken);
                await FillAsync(duck, "attributed_checkouts", cancellationToken);
                return $"the dbt models rendered by {renderer}";
            }
            catch (DbtRenderException error)
            {
                fallback += " (rendering the dbt project failed: " + error.Message + ")";
            }
        }

        await FillAsync(duck, "(" + AttributionSql.AttributedCheckouts + ")", cancellationToken);
        return fallback;
    }

    private static Task FillAsync(DuckDBConnection duck, string attributedCheckouts, CancellationToken cancellationToken) =>
        ExecuteAsync(duck, "CREATE TEMP TABLE attribution AS SELECT checkout_id, product_id, total_amount, attributed_click_id FROM " + attributedCheckouts, cancellationToken);

    private static async Task ExecuteAsync(DuckDBConnection duck, string sql, CancellationToken cancellationToken)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
