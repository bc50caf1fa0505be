using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Run;

/// <summary>Log events of <c>clickbatch run</c> (event ids 1900-1999, stable: terraform's alarms match 1900).</summary>
internal static partial class RunLog
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Information,
        Message = "Run {RunId} ended: {Status}, {Records} records, {Rows} rows, {Rejects} rejects in {DurationSeconds} s")]
    public static partial void RunEnded(ILogger logger, string runId, string status, long records, long rows, long rejects, double? durationSeconds);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information,
        Message = "Run {RunId} of job {JobId} started: topics {Topics}, lake {Lake}")]
    public static partial void RunStarted(ILogger logger, string runId, string jobId, string topics, string lake);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Information,
        Message = "Topic {Topic} partition {Partition}: reading offsets {FromOffset} to {ToOffset} (earliest {Earliest})")]
    public static partial void PartitionPlanned(ILogger logger, string topic, int partition, long fromOffset, long toOffset, long earliest);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Information,
        Message = "Topic {Topic}: committed {Rows} rows as Delta version {DeltaVersion} and {Rejects} rejects as version {RejectsDeltaVersion}")]
    public static partial void ChunkCommitted(ILogger logger, string topic, long rows, long? deltaVersion, long rejects, long? rejectsDeltaVersion);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Warning,
        Message = "Topic {Topic} partition {Partition}: retention deleted offsets {FromOffset}-{LastOffset} before they were read; continuing from {ToOffset} (--allow-data-loss)")]
    public static partial void DataLossAccepted(ILogger logger, string topic, int partition, long fromOffset, long lastOffset, long toOffset);

    [LoggerMessage(EventId = 1905, Level = LogLevel.Warning,
        Message = "Committing offsets to consumer group {GroupId} failed; the Delta log holds them, lag tools lag until the next run")]
    public static partial void GroupCommitFailed(ILogger logger, Exception exception, string groupId);

    [LoggerMessage(EventId = 1906, Level = LogLevel.Information,
        Message = "Progress {Topic}: {Records} of {Planned} records, {RecordsPerSecond} records/s")]
    public static partial void Progress(ILogger logger, string topic, long records, long planned, long recordsPerSecond);

    [LoggerMessage(EventId = 1907, Level = LogLevel.Warning,
        Message = "Stopping on signal: committing what is complete")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 1908, Level = LogLevel.Information,
        Message = "Topic {Topic} partition {Partition}: {Records} records were already in their table (rerun after an interrupted commit) and were skipped")]
    public static partial void AlreadyLanded(ILogger logger, string topic, int partition, long records);

    [LoggerMessage(EventId = 1915, Level = LogLevel.Error,
        Message = "Run {RunId} ended {Status} with exit code {ExitCode}: {Error}")]
    public static partial void RunDidNotSucceed(ILogger logger, string runId, string status, int exitCode, string error);

    [LoggerMessage(EventId = 1909, Level = LogLevel.Error,
        Message = "Run {RunId} failed unexpectedly; complete chunks stay committed, the next run resumes from the Delta log")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception, string runId);

    [LoggerMessage(EventId = 1916, Level = LogLevel.Error,
        Message = "Topic {Topic} partition {Partition}: retention deleted offsets {FromOffset}-{LastOffset} before they were read; the partition is not read (its offset stays), the run ends with exit code 3 after landing the others")]
    public static partial void DataLossBlocked(ILogger logger, string topic, int partition, long fromOffset, long lastOffset);

    [LoggerMessage(EventId = 1917, Level = LogLevel.Warning,
        Message = "Run {RunId}: updating the ledger entry {ObjectKey} after a commit failed; the run goes on (the Delta log holds its progress, the entry is rewritten at the end)")]
    public static partial void LedgerUpdateFailed(ILogger logger, Exception exception, string runId, string objectKey);

    [LoggerMessage(EventId = 1918, Level = LogLevel.Warning,
        Message = "The run's staging folder {Path} could not be removed; a later run removes it once it is 48 h old")]
    public static partial void StagingNotRemoved(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 1919, Level = LogLevel.Information,
        Message = "{Table} moved from Delta version {FromVersion} to {ToVersion} (another task) while it was registered in the catalog; registering the newer one")]
    public static partial void CatalogCaughtUp(ILogger logger, string table, long fromVersion, long toVersion);
}
