using System.Diagnostics;
using DuckDB.NET.Data;

namespace ClickBatch.Diagnostics;

/// <summary>
/// The baseline of scripts/bench.sh: the conversion a user would script instead of ClickBatch, DuckDB reading
/// newline-delimited JSON and writing zstd Parquet (records it cannot parse are skipped, as such a script would).
/// </summary>
public static class DuckDbConversion
{
    /// <returns>Rows written per input file, and the seconds the COPY statements took (no process start-up, no check).</returns>
    public static async Task<(IReadOnlyDictionary<string, long> Rows, double Seconds)> RunAsync(
        IReadOnlyList<string> inputs, string outputDirectory, int threads, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SET threads={threads}; SET preserve_insertion_order=false;", cancellationToken);
        var watch = Stopwatch.StartNew();
        foreach (var input in inputs)
        {
            var output = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(input) + ".parquet");
            // COPY answers with the number of rows it wrote.
            rows[input] = await ExecuteAsync(connection, "COPY (SELECT * FROM read_json(" + Quote(input)
                + ", format='newline_delimited', ignore_errors=true)) TO " + Quote(output) + " (FORMAT parquet, COMPRESSION zstd)", cancellationToken);
        }

        return (rows, watch.Elapsed.TotalSeconds);
    }

    private static async Task<long> ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
