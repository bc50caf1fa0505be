using ClickBatch.Kafka;
using ClickBatch.Parquet;

namespace ClickBatch.Configuration;

/// <summary>
/// How <c>Run.MemoryLimitMiB</c> is shared out (docs/decoding.md, "Memory bound"): the runtime and libraries, the Kafka
/// client's prefetch and one fetch response, the Parquet column chunk being encoded (at most a row group), and the
/// rest for row buffers, of which a sixth may hold rows. Buffers double as they grow and keep up to twice the held bytes
/// between row groups (capacity within four times the rows held), and the GC frees released large arrays only at its
/// next full collection: measured, peak RSS grew 2.7 MiB per MiB of rows held (docs/benchmarks.md, issue 15).
/// </summary>
public static class MemoryLimit
{
    /// <summary>Default of <c>Run.MemoryLimitMiB</c>: 512.</summary>
    public const int DefaultMiB = 512;

    /// <summary>
    /// The .NET runtime, native libraries, decoder, one read chunk and its slab: 96 MiB (a run with nothing new peaks
    /// at 72-81 MiB here).
    /// </summary>
    public const long RuntimeBytes = 96L * 1024 * 1024;

    private const long MiB = 1024 * 1024;

    /// <summary>Share of what is left for row buffers that may hold rows (the rest is their spare capacity and GC lag).</summary>
    public const int RowBufferShare = 6;

    /// <summary>Row bytes a run may hold across all its writers under <paramref name="limitMiB"/>; below RowGroupBytes when the limit is too low.</summary>
    public static long RowBufferBytes(long limitMiB, KafkaSourceOptions source, FileWriterOptions files) =>
        (limitMiB * MiB - FixedBytes(source, files)) / RowBufferShare;

    /// <summary>The smallest limit that leaves one row group's worth of held rows.</summary>
    public static long MinimumMiB(KafkaSourceOptions source, FileWriterOptions files) =>
        (FixedBytes(source, files) + (RowBufferShare * files.RowGroupBytes) + MiB - 1) / MiB;

    /// <summary>Everything but the row buffers.</summary>
    public static long FixedBytes(KafkaSourceOptions source, FileWriterOptions files) =>
        RuntimeBytes + (source.QueuedMaxKilobytes * 1024L) + source.FetchMaxBytes + files.RowGroupBytes;
}
