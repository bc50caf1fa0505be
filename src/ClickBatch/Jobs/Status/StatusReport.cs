namespace ClickBatch.Jobs.Status;

/// <summary>What <c>clickbatch status</c> reports: per topic partition the stored, group and Kafka offsets, and the last run.</summary>
public sealed record StatusReport
{
    public required string JobId { get; init; }

    public required string GroupId { get; init; }

    public required string Lake { get; init; }

    public IReadOnlyList<TopicStatus> Topics { get; init; } = [];

    /// <summary>The job's newest run in the lake's ledger; null when it never ran on this lake.</summary>
    public LastRun? LastRun { get; init; }

    /// <summary>
    /// With N tasks (docs/scale-out.md): the newest run of each task that started within 12 hours of the newest run, newest
    /// first; one entry when a single task runs the job.
    /// </summary>
    public IReadOnlyList<LastRun> TaskRuns { get; init; } = [];

    public long Lag => Topics.Sum(t => t.Lag);

    /// <summary>Ledger entries whose content is not a ledger entry (skipped, not guessed at): their keys.</summary>
    public IReadOnlyList<string> UnreadableLedgerEntries { get; init; } = [];
}
