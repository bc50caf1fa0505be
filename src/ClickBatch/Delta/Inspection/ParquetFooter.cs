using System.Buffers.Binary;
using ClickBatch.Storage;
using ParquetSharp;
using ParquetSharp.IO;

namespace ClickBatch.Delta.Inspection;

/// <summary>
/// Reads the row count from a Parquet footer with two ranged reads (the 8-byte tail, then the footer), so on S3 a
/// data file is never downloaded. ParquetSharp parses the footer from a stream that holds only the file's tail.
/// </summary>
public static class ParquetFooter
{
    private const int TailLength = 8;

    public static async Task<long> ReadRowCountAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        var size = (await store.HeadAsync(key, cancellationToken))?.Size ?? throw new ObjectNotFoundException(store.GetAbsoluteUri(key));
        var tail = size >= 12 ? await store.ReadRangeAsync(key, size - TailLength, TailLength, cancellationToken) : [];
        if (tail.Length != TailLength || !tail.AsSpan(4).SequenceEqual("PAR1"u8))
        {
            throw NotParquet(store, key, "it does not end with the PAR1 magic");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength + TailLength > size - 4)
        {
            throw NotParquet(store, key, "its footer length " + footerLength + " does not fit the file size " + size);
        }

        var footer = await store.ReadRangeAsync(key, size - TailLength - footerLength, footerLength + TailLength, cancellationToken);
        using var stream = new TailStream(size, footer);
        using var input = new ManagedRandomAccessFile(stream, leaveOpen: true);
        using var reader = new ParquetFileReader(input);
        return reader.FileMetaData.NumRows;
    }

    private static DeltaLogCorruptException NotParquet(IObjectStore store, string key, string why) =>
        (DeltaLogCorruptException)new DeltaLogCorruptException(
            "Expected active data file " + store.GetAbsoluteUri(key) + " to be Parquet, but " + why + ". The file is damaged or truncated.")
            .With("Key", key);
}
