using ClickBatch.Kafka;
using ClickBatch.Parquet;

namespace ClickBatch.Configuration;

/// <summary>
/// How <c>Run.MemoryLimitMiB</c> is shared out (docs/decoding.md, "Memory bound"): the runtime and libraries, the Kafka
/// client's prefetch, one fetch response and the read chunks, the Parquet column chunk each writer thread encodes (at most a row group), and the
/// rest for row buffers, of which a sixth may hold rows. Buffers double as they grow and keep up to twice the held bytes
/// between row groups (capacity within four times the rows held), and the GC frees released large arrays only at its
/// next full collection: measured, peak RSS grew 2.7 MiB per MiB of rows held (docs/benchmarks.md, issue 15).
/// </summary>
public static class MemoryLimit
{
    /// <summary>Default of <c>Run.MemoryLimitMiB</c>: 512.</summary>
    public const int DefaultMiB = 512;

    /// <summary>
    /// The .NET runtime, native libraries and decoders: 96 MiB (a run with nothing new peaks
    /// at 72-81 MiB here).
    /// </summary>
    public const long RuntimeBytes = 96L * 1024 * 1024;

    private const long MiB = 1024 * 1024;

    /// <summary>Share of what is left for row buffers that may hold rows (the rest is their spare capacity and GC lag).</summary>
    public const int RowBufferShare = 6;

    /// <summary>
    /// With more writer threads row buffers get a smaller share: each thread keeps its own files open (an event day is
    /// open once per thread), and with two threads over 30 event days a sixth peaked at 500-526 MiB under 512; an eighth
    /// at 458-466 MiB, then 464-514 MiB once the image became a composite ReadyToRun build (its code is mapped); a ninth at
    /// 475-484 MiB (docs/benchmarks.md, issue 15). Three shares less per thread beyond the first.
    /// </summary>
    public static int RowBufferShareFor(int writerThreads) => RowBufferShare + (3 * (writerThreads - 1));

    /// <summary>Most writer threads chosen on their own (<c>Run.WriterThreads</c> = 0): one per core up to this.</summary>
    public const int MaxAutoWriterThreads = 4;

    /// <summary>
    /// Row bytes a run may hold across all its writers under <paramref name="limitMiB"/>, with <paramref name="writerThreads"/>
    /// encoding a row group each at once; below RowGroupBytes when the limit is too low.
    /// </summary>
    public static long RowBufferBytes(long limitMiB, KafkaSourceOptions source, FileWriterOptions files, int writerThreads = 1) =>
        (limitMiB * MiB - FixedBytes(source, files, writerThreads)) / RowBufferShareFor(writerThreads);

    /// <summary>The smallest limit that leaves one row group's worth of held rows.</summary>
    public static long MinimumMiB(KafkaSourceOptions source, FileWriterOptions files, int writerThreads = 1) =>
        (FixedBytes(source, files, writerThreads) + (RowBufferShareFor(writerThreads) * files.RowGroupBytes) + MiB - 1) / MiB;

    /// <summary>
    /// Everything but the row buffers: the read chunks (<see cref="KafkaSourceOptions.ReadBuffers"/>: the one read ahead and
    /// the ones being written), and a row group
    /// being encoded by each writer thread.
    /// </summary>
    public static long FixedBytes(KafkaSourceOptions source, FileWriterOptions files, int writerThreads = 1) =>
        RuntimeBytes + (source.QueuedMaxKilobytes * 1024L) + source.FetchMaxBytes + ((long)source.ReadBuffers * source.MaxChunkBytes) + (writerThreads * files.RowGroupBytes);

    /// <summary>
    /// <c>Run.WriterThreads</c> = 0: one per core (<paramref name="cores"/>), at most <see cref="MaxAutoWriterThreads"/>, and
    /// fewer while <paramref name="limitMiB"/> is below their minimum; at least 1.
    /// </summary>
    public static int AutoWriterThreads(long limitMiB, KafkaSourceOptions source, FileWriterOptions files, int cores)
    {
        var threads = Math.Clamp(cores, 1, MaxAutoWriterThreads);
        while (threads > 1 && limitMiB < MinimumMiB(source, files, threads))
        {
            threads--;
        }

        return threads;
    }
}
