using System.Text.Encodings.Web;
using System.Text.Json;
using ClickBatch.Delta.Actions;
using ClickBatch.Storage;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace ClickBatch.Delta.Checkpoints;

/// <summary>
/// Reads the action rows of Parquet checkpoints and sidecars through Arrow (ParquetSharp's Arrow reader, Arrow C++
/// underneath): each row becomes the same one-object-per-action JSON as a commit line (struct columns as objects,
/// maps as objects, missing actions as null), so checkpoints and commits share one parser. Nested Parquet (maps of
/// strings, DV structs, legacy list layouts) is decoded by Arrow, not by hand; see docs/delta.md.
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
    /// Reads a local Parquet file; a file that cannot be read is a <see cref="DeltaLogCorruptException"/> naming
    /// <paramref name="source"/> (the damaged object, not the local copy).
    /// </summary>
    public static async Task<List<DeltaAction>> ReadLocalAsync(string path, string source, CancellationToken cancellationToken)
    {
        byte[] lines;
        try
        {
            lines = await ReadRowsAsJsonAsync(path, cancellationToken);
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            // What the Parquet or Arrow reader throws on this file's bytes is the file's damage: the caller falls back to an
            // older checkpoint or the commits (PROTOCOL.md), or names the file. A native library that does not load, memory
            // or the scratch disk are not the file's fault and stay what they are.
            throw new DeltaLogCorruptException(
                "Expected " + source + " to be a readable Parquet file of Delta actions, but it could not be read ("
                + ex.Message.Replace(path, source, StringComparison.Ordinal) + "). The file is damaged.", ex)
                .With("File", source);
        }

        return DeltaActionSerializer.ParseLines(lines, source);
    }

    /// <summary>The reader's errors about the file's content (not a missing native library, memory or the disk).</summary>
    private static bool IsDamage(Exception ex) =>
        ex is ParquetException or InvalidDataException or InvalidCastException or InvalidOperationException or ArgumentException
            or IndexOutOfRangeException or OverflowException or FormatException or NotSupportedException;

    /// <summary>Every row as one line of JSON (<see cref="ArrowRowJson"/>), batch by batch through Arrow.</summary>
    private static async Task<byte[]> ReadRowsAsJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var file = new FileReader(path);
        using var batches = file.GetRecordBatchReader();
        using var buffer = new MemoryStream();
        await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        while (await batches.ReadNextRecordBatchAsync(cancellationToken) is { } batch)
        {
            using (batch)
            {
                for (var row = 0; row < batch.Length; row++)
                {
                    ArrowRowJson.WriteRow(writer, batch, row);
                    writer.Flush();
                    buffer.WriteByte((byte)'\n');
                    writer.Reset(buffer);
                }
            }
        }

        return buffer.ToArray();
    }
}
