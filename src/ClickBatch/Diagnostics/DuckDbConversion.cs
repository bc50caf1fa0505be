using System.Diagnostics;
using DuckDB.NET.Data;

namespace ClickBatch.Diagnostics;

/// <summary>
/// The baseline of scripts/bench.sh: the conversion a user would script instead of ClickBatch, DuckDB reading
/// newline-delimited JSON and writing zstd Parquet (records it cannot parse are skipped, as such a script would).
/// </summary>
public static class DuckDbConversion
{
    /// <returns>Rows written per input file, and the seconds the conversion took.</returns>
    public static async Task<(IReadOnlyDictionary<string, long> Rows, double Seconds)> RunAsync(
        IReadOnlyList<string> inputs, string outputDirectory, int threads, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        var watch = Stopwatch.StartNew();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SET threads={threads}; SET preserve_insertion_order=false;", cancellationToken);
        foreach (var input in inputs)
        {
            var output = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(input) + ".parquet");
            await ExecuteAsync(connection, "COPY (SELECT * FROM read_json(" + Quote(input) + ", format='newline_delimited', ignore_errors=true)) TO "
                + Quote(output) + " (FORMAT parquet, COMPRESSION zstd)", cancellationToken);
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM read_parquet(" + Quote(output) + ")";
            rows[input] = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        return (rows, watch.Elapsed.TotalSeconds);
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
