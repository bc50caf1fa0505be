using ClickBatch.Catalog.Dbt;
using DuckDB.NET.Data;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// The dbt project of this repository rendered by <c>scripts/dbt_render.py</c> and run on an in-memory DuckDB.
/// A missing python3 or Jinja2 fails the test with the renderer's message; it never skips.
/// </summary>
public static class DbtWorkbench
{
    public static string Script =>
        DbtRenderer.FindScript(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"Expected {DbtRenderer.ScriptPath} and dbt/dbt_project.yml in a folder above {AppContext.BaseDirectory}; found none.");

    public static Task<DbtRendering> RenderAsync(bool incremental) => DbtRenderer.RenderAsync(Script, incremental, CancellationToken.None);

    public static async Task<DuckDBConnection> OpenAsync()
    {
        var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        return duck;
    }

    /// <summary>Full refresh: every model built from scratch (is_incremental() false).</summary>
    public static async Task FullRefreshAsync(DuckDBConnection duck) =>
        await DuckDbDbtRunner.RunModelsAsync(duck, await RenderAsync(incremental: false), CancellationToken.None);

    /// <summary>A later run: incremental models merge their new rows (is_incremental() true).</summary>
    public static async Task IncrementalRunAsync(DuckDBConnection duck) =>
        await DuckDbDbtRunner.RunModelsAsync(duck, await RenderAsync(incremental: true), CancellationToken.None);

    /// <summary>Every schema and singular test that returned rows, with its failing row count.</summary>
    public static async Task<Dictionary<string, long>> FailingTestsAsync(DuckDBConnection duck, bool incremental = false)
    {
        var rendering = await RenderAsync(incremental);
        rendering.Tests.Count.ShouldBeGreaterThan(20, "the project's schema and singular tests should all be rendered");
        var results = await DuckDbDbtRunner.RunTestsAsync(duck, rendering, CancellationToken.None);
        return results.Where(r => r.Value != 0).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>checkout_id to attributed_click_id (null for none) of a table name or a query.</summary>
    public static async Task<Dictionary<string, string?>> ReadAttributionAsync(DuckDBConnection duck, string tableOrQuery)
    {
        var source = tableOrQuery.Contains(' ', StringComparison.Ordinal) ? "(" + tableOrQuery + ")" : "\"" + tableOrQuery + "\"";
        await using var command = duck.CreateCommand();
        command.CommandText = $"SELECT checkout_id, attributed_click_id FROM {source} AS a";
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }

        return result;
    }

    /// <summary>Asserts that every checkout has the expected attributed click (or none), naming the first mismatches.</summary>
    public static void ShouldMatch(this Dictionary<string, string?> actual, Dictionary<string, string?> expected)
    {
        var mismatches = expected.Keys.Union(actual.Keys)
            .Where(id => !expected.TryGetValue(id, out var want) || !actual.TryGetValue(id, out var got) || !string.Equals(want, got, StringComparison.Ordinal))
            .Take(10)
            .Select(id => $"{id}: expected {(expected.TryGetValue(id, out var e) ? e ?? "none" : "no such checkout")}, found {(actual.TryGetValue(id, out var a) ? a ?? "none" : "no row")}")
            .ToList();
        mismatches.ShouldBeEmpty();
        actual.Count.ShouldBe(expected.Count);
    }

    public static async Task ExecuteAsync(DuckDBConnection duck, string sql)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
