using System.Globalization;
using DuckDB.NET.Data;

namespace ClickBatch.Catalog.Dbt;

/// <summary>
/// Executes rendered dbt models and tests on DuckDB the way dbt's materializations do: views and tables are
/// replaced; an incremental model is created on its first run and, on later runs (rendered with
/// <c>is_incremental()</c> true), its new rows replace the existing rows with the same <c>unique_key</c>
/// (dbt's <c>delete+insert</c> strategy).
/// </summary>
public static class DuckDbDbtRunner
{
    /// <summary>Builds every model, in the rendering's dependency order.</summary>
    public static async Task RunModelsAsync(DuckDBConnection connection, DbtRendering rendering, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rendering);
        foreach (var model in rendering.Models)
        {
            await RunModelAsync(connection, model, cancellationToken);
        }
    }

    /// <summary>Builds one model.</summary>
    public static async Task RunModelAsync(DuckDBConnection connection, DbtModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = Quote(model.Name);
        switch (model.Materialized)
        {
            case "view":
                await ExecuteAsync(connection, $"CREATE OR REPLACE VIEW {name} AS\n{model.Sql}", cancellationToken);
                break;
            case "table":
                await ExecuteAsync(connection, $"CREATE OR REPLACE TABLE {name} AS\n{model.Sql}", cancellationToken);
                break;
            case "incremental" when await ExistsAsync(connection, model.Name, cancellationToken):
                await MergeAsync(connection, model, cancellationToken);
                break;
            case "incremental":
                await ExecuteAsync(connection, $"CREATE TABLE {name} AS\n{model.Sql}", cancellationToken);
                break;
            default:
                throw new NotSupportedException($"Model {model.Name}: materialization '{model.Materialized}' is not supported locally; expected view, table or incremental.");
        }
    }

    /// <summary>Runs every test and returns the failing row count of each, by test name.</summary>
    public static async Task<Dictionary<string, long>> RunTestsAsync(DuckDBConnection connection, DbtRendering rendering, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rendering);
        var failures = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var test in rendering.Tests)
        {
            failures[test.Name] = await ScalarAsync(connection, $"SELECT count(*) FROM (\n{test.Sql}\n) AS dbt_test", cancellationToken);
        }

        return failures;
    }

    private static async Task MergeAsync(DuckDBConnection connection, DbtModel model, CancellationToken cancellationToken)
    {
        var name = Quote(model.Name);
        var staged = Quote(model.Name + "__dbt_tmp");
        await ExecuteAsync(connection, $"CREATE OR REPLACE TEMP TABLE {staged} AS\n{model.Sql}", cancellationToken);
        if (model.UniqueKey is { } key)
        {
            await ExecuteAsync(connection, $"DELETE FROM {name} WHERE {Quote(key)} IN (SELECT {Quote(key)} FROM {staged})", cancellationToken);
        }

        await ExecuteAsync(connection, $"INSERT INTO {name} BY NAME SELECT * FROM {staged}", cancellationToken);
        await ExecuteAsync(connection, $"DROP TABLE {staged}", cancellationToken);
    }

    private static async Task<bool> ExistsAsync(DuckDBConnection connection, string table, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, string.Create(CultureInfo.InvariantCulture,
            $"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table.Replace("'", "''", StringComparison.Ordinal)}' AND table_type = 'BASE TABLE'"),
            cancellationToken) > 0;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
