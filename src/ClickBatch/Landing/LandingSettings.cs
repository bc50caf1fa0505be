using ClickBatch.Parquet;

namespace ClickBatch.Landing;

/// <summary>
/// How a topic's records become chunks and commits (docs/exactly-once.md). The defaults here are the documented
/// defaults of <c>Run.*</c> in the README; <see cref="Configuration.RunOptions"/> starts from them.
/// </summary>
/// <param name="Files">Parquet file limits of the chunk's files.</param>
/// <param name="CommitEveryRecords">A chunk is committed after this many records.</param>
/// <param name="CommitEveryBytes">A chunk is committed after this many bytes of Kafka payload.</param>
/// <param name="MaxRejectRatio">Largest share of a topic's records in a run that may be rejects, 0..1.</param>
/// <param name="StagingDirectory">Local folder of the chunk files before upload (a run uses its own sub-folder).</param>
public sealed record LandingSettings(FileWriterOptions Files, long CommitEveryRecords, long CommitEveryBytes, double MaxRejectRatio, string StagingDirectory)
{
    /// <summary>Default of <see cref="CommitEveryRecords"/>: 2,000,000.</summary>
    public const long DefaultCommitEveryRecords = 2_000_000;

    /// <summary>Default of <see cref="CommitEveryBytes"/> in MiB: 512.</summary>
    public const long DefaultCommitEveryMiB = 512;

    /// <summary>Default of <see cref="MaxRejectRatio"/>: 0.05.</summary>
    public const double DefaultMaxRejectRatio = 0.05;
}
