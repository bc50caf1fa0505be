using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Parquet;

namespace ClickBatch.Configuration;

/// <summary>
/// The frozen, validated settings of a run (built by <see cref="RunSettingsFactory"/>); nothing downstream re-reads
/// options or the environment.
/// </summary>
public sealed record RunSettings
{
    public required string JobId { get; init; }

    public required string LakeUri { get; init; }

    public required KafkaSettings Kafka { get; init; }

    public required KafkaSourceOptions Source { get; init; }

    public required IReadOnlyList<TopicSettings> Topics { get; init; }

    public StartingOffsets StartingOffsets { get; init; } = StartingOffsets.Earliest;

    public bool AllowDataLoss { get; init; }

    /// <summary>Which partitions this task drains; default all of them.</summary>
    public PartitionAssignment Assignment { get; init; } = PartitionAssignment.All;

    /// <summary>Who this task is, for the run report and status (Run.TaskId, else host and process).</summary>
    public string TaskId { get; init; } = "local";

    public double MaxRejectRatio { get; init; } = LandingSettings.DefaultMaxRejectRatio;

    public required FileWriterOptions Files { get; init; }

    /// <summary>
    /// Threads decoding and writing side by side, lane k taking the partitions p with p % WriterThreads == k; each writes
    /// its own files, and the run's row-buffer memory (<see cref="FileWriterOptions.MaxBufferedBytes"/>) is split between them.
    /// </summary>
    public int WriterThreads { get; init; } = 1;

    /// <summary>Fewest records of a read chunk that the writer threads share; a smaller chunk is written by the first alone.</summary>
    public int WriterThreadsMinChunk { get; init; } = LaneFeeder.DefaultMinRecordsToSplit;

    public long CommitEveryRecords { get; init; } = LandingSettings.DefaultCommitEveryRecords;

    public long CommitEveryBytes { get; init; } = LandingSettings.DefaultCommitEveryMiB * 1024 * 1024;

    public required string StagingDirectory { get; init; }

    /// <summary>Prometheus text file for the run's metrics (docs/metrics.md); null: none.</summary>
    public string? MetricsFile { get; init; }

    /// <summary>
    /// Least time between two ledger updates during a run (after its first commit and after its last the entry is
    /// always updated); default 30 seconds. The final entry is written when the run ends in any case.
    /// </summary>
    public TimeSpan LedgerUpdateInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Glue database tables are registered in after each commit; null for none.</summary>
    public string? GlueDatabase { get; init; }

    /// <summary>The Redshift Spectrum check after the last commit (needs <see cref="GlueDatabase"/>); null for none.</summary>
    public RedshiftCheckSettings? RedshiftCheck { get; init; }

    /// <summary>How the run's topics become chunks and commits.</summary>
    public LandingSettings Landing => new(Files, CommitEveryRecords, CommitEveryBytes, MaxRejectRatio, StagingDirectory);

    /// <summary>The Delta txn appId of one Kafka partition: stable for the job, so reruns continue where it stopped.</summary>
    public string AppId(string topic, int partition) => JobId + "/" + topic + "/" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
