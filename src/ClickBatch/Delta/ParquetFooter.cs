using ClickBatch.Storage;
using ParquetSharp;
using ParquetSharp.IO;

namespace ClickBatch.Delta;

/// <summary>Reads the row count from a Parquet footer (only the footer pages are touched on a seekable stream).</summary>
public static class ParquetFooter
{
    public static async Task<long> ReadRowCountAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(key, cancellationToken);
        var seekable = stream.CanSeek ? stream : await CopyToMemoryAsync(stream, cancellationToken);
        using var input = new ManagedRandomAccessFile(seekable, leaveOpen: true);
        using var reader = new ParquetFileReader(input);
        return reader.FileMetaData.NumRows;
    }

    private static async Task<Stream> CopyToMemoryAsync(Stream stream, CancellationToken cancellationToken)
    {
        var memory = new MemoryStream();
        await stream.CopyToAsync(memory, cancellationToken);
        memory.Position = 0;
        return memory;
    }
}
