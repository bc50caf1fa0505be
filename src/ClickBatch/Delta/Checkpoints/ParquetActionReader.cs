using System.Text;
using ClickBatch.Delta.Actions;
using ClickBatch.Storage;
using DuckDB.NET.Data;

namespace ClickBatch.Delta.Checkpoints;

/// <summary>
/// Reads the action rows of Parquet checkpoints and sidecars with DuckDB: <c>to_json</c> of each row yields the
/// same one-object-per-action shape as a JSON commit (struct columns as objects, maps as objects, missing
/// actions as null), so checkpoints and commits share one parser. Nested Parquet (maps of strings, DV structs)
/// needs no hand-written repetition/definition-level decoding this way; see docs/delta.md.
/// </summary>
public static class ParquetActionReader
{
    public static async Task<List<DeltaAction>> ReadAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), "clickbatch-" + Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            await File.WriteAllBytesAsync(temp, await store.ReadAllBytesAsync(key, cancellationToken), cancellationToken);
            return await ReadLocalAsync(temp, key, cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static async Task<List<DeltaAction>> ReadLocalAsync(string path, string source, CancellationToken cancellationToken)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT to_json(t) FROM read_parquet($path) AS t";
        command.Parameters.Add(new DuckDBParameter("path", path));
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new StringBuilder();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Append(reader.GetString(0)).Append('\n');
        }

        return DeltaActionSerializer.ParseLines(Encoding.UTF8.GetBytes(lines.ToString()), source);
    }
}
