namespace ClickBatch.Parquet;

/// <summary>
/// The row-buffer memory of a run, shared by all its <see cref="PartitionedFileWriter"/>s (every topic's table and
/// rejects table, every open partition file): rows held stay at or under <see cref="MaxBufferedBytes"/> (past it the
/// largest buffer of any writer is flushed as a row group), and array capacity kept between row groups at or under
/// <see cref="MaxRetainedBytes"/> (past it a flushed buffer gives its arrays back). One thread at a time, as the writers.
/// </summary>
public sealed class RowBufferBudget
{
    private readonly List<PartitionedFileWriter> _writers = [];

    public RowBufferBudget(long maxBufferedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBufferedBytes, 1024);
        MaxBufferedBytes = maxBufferedBytes;
    }

    /// <summary>Most row bytes held across all writers before the largest buffer is flushed.</summary>
    public long MaxBufferedBytes { get; }

    /// <summary>
    /// Capacity past which a flushed buffer gives its arrays back: twice <see cref="MaxBufferedBytes"/>. Buffers growing
    /// between flushes can add up to twice the rows they hold, so the capacity stays within four times the cap.
    /// </summary>
    public long MaxRetainedBytes => 2 * MaxBufferedBytes;

    /// <summary>Row bytes held right now across all writers.</summary>
    public long BufferedBytes { get; private set; }

    /// <summary>The most row bytes held at once so far.</summary>
    public long PeakBufferedBytes { get; private set; }

    /// <summary>Array capacity of every writer's buffers (open files and reuse pools).</summary>
    public long RetainedBytes => _writers.Sum(w => w.RetainedBytes);

    internal bool IsOver => BufferedBytes > MaxBufferedBytes;

    internal void Join(PartitionedFileWriter writer) => _writers.Add(writer);

    internal void Leave(PartitionedFileWriter writer) => _writers.Remove(writer);

    internal void Hold(long bytes)
    {
        BufferedBytes += bytes;
        PeakBufferedBytes = Math.Max(PeakBufferedBytes, BufferedBytes);
    }

    internal void Release(long bytes) => BufferedBytes -= bytes;

    /// <summary>Flushes the largest buffer of any writer (the one whose flush frees the most).</summary>
    internal void FlushLargest()
    {
        PartitionedFileWriter? largest = null;
        foreach (var writer in _writers)
        {
            if (largest is null || writer.LargestBufferBytes > largest.LargestBufferBytes)
            {
                largest = writer;
            }
        }

        largest?.FlushLargestBuffer();
    }
}
