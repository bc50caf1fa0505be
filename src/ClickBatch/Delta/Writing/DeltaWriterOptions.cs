using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Delta.Writing;

/// <summary>How ClickBatch writes Delta commits. Defaults suit production; tests inject the clock and ids.</summary>
public sealed record DeltaWriterOptions
{
    /// <summary>Clock for commitInfo.timestamp, metaData.createdTime, remove.deletionTimestamp and retention. Default: system clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Source of table ids (metaData.id). Default: random UUIDs.</summary>
    public Func<Guid> NewId { get; init; } = Guid.NewGuid;

    /// <summary>
    /// Source of commit ids (commitInfo.txnId, as Spark writes it), one per transaction: how a writer recognises its own
    /// commit when a store answered a successful put-if-absent as failed. Separate from <see cref="NewId"/> so a test
    /// that fixes the table id does not make every commit look like one transaction. Default: random UUIDs.
    /// </summary>
    public Func<Guid> NewCommitId { get; init; } = Guid.NewGuid;

    /// <summary>Attempts per commit when other writers keep taking the next version (appends only). Default 10.</summary>
    public int MaxCommitAttempts { get; init; } = 10;

    /// <summary>Recorded in every commitInfo as <c>clickbatch.runId</c>; default none.</summary>
    public string? RunId { get; init; }

    /// <summary>Write checkpoints every delta.checkpointInterval commits (default interval 10). Default true.</summary>
    public bool WriteCheckpoints { get; init; } = true;

    /// <summary>Delete expired log files after each checkpoint (delta.logRetentionDuration, default 30 days). Default true.</summary>
    public bool CleanupExpiredLogs { get; init; } = true;

    public ILogger Logger { get; init; } = NullLogger.Instance;
}
