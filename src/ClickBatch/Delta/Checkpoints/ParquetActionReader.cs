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
    /// <summary>Copies the object into a <see cref="ScratchDirectory"/> (removed on every path) and reads it there.</summary>
    public static async Task<List<DeltaAction>> ReadAsync(IObjectStore store, string key, string? scratchRoot, CancellationToken cancellationToken)
    {
        using var scratch = ScratchDirectory.Create(scratchRoot);
        var temp = scratch.File("checkpoint.parquet");
        await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        await using (var source = await store.OpenReadAsync(key, cancellationToken))
        {
            await source.CopyToAsync(target, cancellationToken);
        }

        return await ReadLocalAsync(temp, key, cancellationToken);
    }

    /// <summary>
    /// Reads a local Parquet file; a file DuckDB cannot read is a <see cref="DeltaLogCorruptException"/> naming
    /// <paramref name="source"/> (the damaged object, not the local copy).
    /// </summary>
    public static async Task<List<DeltaAction>> ReadLocalAsync(string path, string source, CancellationToken cancellationToken)
    {
        string lines;
        try
        {
            lines = await ReadRowsAsJsonAsync(path, cancellationToken);
        }
        catch (DuckDBException ex)
        {
            throw new DeltaLogCorruptException(
                "Expected " + source + " to be a readable Parquet file of Delta actions, but DuckDB could not read it ("
                + ex.Message.Replace(path, source, StringComparison.Ordinal) + "). The file is damaged.", ex)
                .With("File", source);
        }

        return DeltaActionSerializer.ParseLines(Encoding.UTF8.GetBytes(lines), source);
    }

    private static async Task<string> ReadRowsAsJsonAsync(string path, CancellationToken cancellationToken)
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

        return lines.ToString();
    }
}
