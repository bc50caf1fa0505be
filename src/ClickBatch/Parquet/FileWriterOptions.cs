namespace ClickBatch.Parquet;

/// <summary>
/// Limits of a <see cref="PartitionedFileWriter"/>. Memory is bounded by these settings, never by the backlog:
/// row buffers hold at most MaxBufferedBytes of rows; a flush finding them keeping more than 2 x MaxBufferedBytes
/// gives the flushed buffer's arrays back, so they keep at most 4 x MaxBufferedBytes (growing arrays double), plus
/// ParquetSharp's buffers for the column chunk being written (see docs/decoding.md "Memory bound").
/// </summary>
public sealed record FileWriterOptions
{
    /// <summary>Default of <see cref="TargetFileBytes"/>: 128 MiB.</summary>
    public const long DefaultTargetFileBytes = 128L * 1024 * 1024;

    /// <summary>Default of <see cref="RowGroupRows"/>: 131,072.</summary>
    public const int DefaultRowGroupRows = 128 * 1024;

    /// <summary>
    /// Default of <see cref="MaxOpenFiles"/>: 128. An open file costs a few KiB of writer state; its rows count against
    /// the run's <see cref="RowBufferBudget"/>. At 16, a drain whose records spread over 30 event days closed a file
    /// every few records: 3,336 files for 1M records (issue 15).
    /// </summary>
    public const int DefaultMaxOpenFiles = 128;

    /// <summary>A file is closed once it reaches this size on disk. Default 128 MiB.</summary>
    public long TargetFileBytes { get; init; } = DefaultTargetFileBytes;

    /// <summary>A row group is flushed at this many rows. Default 131072.</summary>
    public int RowGroupRows { get; init; } = DefaultRowGroupRows;

    /// <summary>A row group is flushed when its buffered (uncompressed) bytes reach this. Default 32 MiB.</summary>
    public long RowGroupBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Most files open at once (one per partition value); the least recently written is closed beyond. Default 128.</summary>
    public int MaxOpenFiles { get; init; } = DefaultMaxOpenFiles;

    /// <summary>
    /// Cap on buffered row bytes across all open files (the largest buffer is flushed beyond); buffers keep at most twice
    /// this between row groups. A run shares one cap across all its writers, derived from <c>Run.MemoryLimitMiB</c>;
    /// this default (64 MiB) sizes a writer used on its own.
    /// </summary>
    public long MaxBufferedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>zstd level (1-22). Default 3.</summary>
    public int ZstdLevel { get; init; } = 3;

    /// <summary>Problems with these settings (empty when valid), for start-up validation.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(problems, TargetFileBytes >= 1024, "target file size must be at least 1024 bytes");
        Check(problems, RowGroupRows >= 1, "row group rows must be at least 1");
        Check(problems, RowGroupBytes >= 1024, "row group bytes must be at least 1024");
        Check(problems, MaxOpenFiles >= 1, "max open files must be at least 1");
        Check(problems, MaxBufferedBytes >= RowGroupBytes, "max buffered bytes must be at least the row group bytes");
        Check(problems, ZstdLevel is >= 1 and <= 22, "zstd level must be between 1 and 22");
        return problems;
    }

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }
}
