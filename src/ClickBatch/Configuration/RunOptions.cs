using ClickBatch.Landing;
using ClickBatch.Parquet;

namespace ClickBatch.Configuration;

/// <summary>How a run reads, batches and writes. Defaults suit a daily drain of a few GiB on a 2-vCPU, 4 GiB task.</summary>
public sealed class RunOptions
{
    /// <summary>Where a partition with no offset in the Delta log starts: <c>earliest</c> (default), <c>latest</c> or <c>group</c>.</summary>
    public string StartingOffsets { get; set; } = "earliest";

    /// <summary>Continue from the earliest available offset when retention deleted unread records, and record the gap. Default false (exit 3).</summary>
    public bool AllowDataLoss { get; set; }

    /// <summary>
    /// Which partitions this task drains: <c>all</c> (default: every partition, one task) or <c>group</c> (the consumer
    /// group's coordinator shares them among identical tasks; docs/scale-out.md).
    /// </summary>
    public string Assignment { get; set; } = "all";

    /// <summary>
    /// Who this task is in run reports and <c>status</c> (env <c>CLICKBATCH_RUN__TASKID</c>). Default: host name and process
    /// id (an ECS task's host name is its own).
    /// </summary>
    public string? TaskId { get; set; }

    /// <summary><c>K/N</c>: drain the partitions p with p mod N = K (0 &lt;= K &lt; N) of every topic. Default none (docs/scale-out.md).</summary>
    public string? Shard { get; set; }

    /// <summary>Fail (exit 4, nothing more committed) when rejects exceed this share of the records read. 0..1, default 0.05.</summary>
    public double MaxRejectRatio { get; set; } = LandingSettings.DefaultMaxRejectRatio;

    /// <summary>Target Parquet file size in MiB. Default 128.</summary>
    public int TargetFileSizeMiB { get; set; } = (int)(FileWriterOptions.DefaultTargetFileBytes / (1024 * 1024));

    /// <summary>Rows per Parquet row group. Default 131072.</summary>
    public int RowGroupRows { get; set; } = FileWriterOptions.DefaultRowGroupRows;

    /// <summary>Commit a Delta transaction after this many records (a crash keeps what was committed). Default 2,000,000.</summary>
    public long CommitEveryRecords { get; set; } = LandingSettings.DefaultCommitEveryRecords;

    /// <summary>Commit a Delta transaction after this many MiB of Kafka payload. Default 512.</summary>
    public long CommitEveryMiB { get; set; } = LandingSettings.DefaultCommitEveryMiB;

    /// <summary>Most partition files open at once per table; the least recently written is closed past it. Default 128.</summary>
    public int MaxOpenFiles { get; set; } = FileWriterOptions.DefaultMaxOpenFiles;

    /// <summary>
    /// Memory the run is sized to stay within, in MiB; row buffers get what the runtime, Kafka and Parquet leave
    /// (<see cref="MemoryLimit"/>). Default 512; at least 352 with the default row groups.
    /// </summary>
    public int MemoryLimitMiB { get; set; } = MemoryLimit.DefaultMiB;

    /// <summary>
    /// Threads that decode records and write Parquet, each with the Kafka partitions p where p mod N is its number
    /// (docs/decoding.md, "Writer threads"). 0 (default): one per core, at most 4, as many as <see cref="MemoryLimitMiB"/>
    /// allows; 1-16 sets it.
    /// </summary>
    public int WriterThreads { get; set; }

    /// <summary>Local folder for Parquet files before upload. Default: a folder under the system temp directory.</summary>
    public string? StagingDirectory { get; set; }

    /// <summary>
    /// Prometheus text file the run writes its metrics to when it ends, for node_exporter's textfile collector (name it
    /// <c>*.prom</c> in the collector's folder; docs/metrics.md). Default none.
    /// </summary>
    public string? MetricsFile { get; set; }
}
