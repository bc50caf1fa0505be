namespace ClickBatch.Jobs.Status;

/// <summary>
/// One Kafka partition as <c>clickbatch status</c> sees it. Offsets are "next offset to read"; null where the
/// table, the rejects table or the consumer group does not know the partition yet.
/// </summary>
public sealed record PartitionStatus
{
    public required int Partition { get; init; }

    /// <summary>The next offset the table's Delta log holds (its txn action).</summary>
    public long? TableOffset { get; init; }

    /// <summary>The next offset the rejects table's Delta log holds.</summary>
    public long? RejectsOffset { get; init; }

    /// <summary>Where the next run continues: the lower of the two tables (see ResumeOffset); null when neither knows it.</summary>
    public long? StoredOffset { get; init; }

    /// <summary>The consumer group's committed offset (mirrored after each run, best effort).</summary>
    public long? GroupOffset { get; init; }

    /// <summary>Low watermark: the first offset Kafka still has.</summary>
    public required long EarliestOffset { get; init; }

    /// <summary>High watermark: one past the last offset Kafka has now.</summary>
    public required long LatestOffset { get; init; }

    /// <summary>The newest run that held this partition (its ledger entry lists it); null when none in the ledger read.</summary>
    public string? LastRunId { get; init; }

    /// <summary>The task that run was (Run.TaskId; with N tasks, which one last drained this partition).</summary>
    public string? LastTaskId { get; init; }

    /// <summary>When that run started.</summary>
    public DateTimeOffset? LastRunStartedAt { get; init; }

    /// <summary>
    /// Records the next run would read: latest minus the stored offset (minus earliest when nothing is stored); 0, not a
    /// negative number, when the stored offset is past the end (see <see cref="AheadOfTopic"/>).
    /// </summary>
    public long Lag => Math.Max(0, LatestOffset - (StoredOffset ?? EarliestOffset));

    /// <summary>
    /// How far the stored offset is past Kafka's end: the topic was deleted and recreated (or --bootstrap-servers names
    /// another cluster). The next run refuses it (exit 1, OffsetAheadOfTopicException); 0 normally.
    /// </summary>
    public long AheadOfTopic => StoredOffset is { } stored && stored > LatestOffset ? stored - LatestOffset : 0;

    /// <summary>Offsets retention deleted before any run read them (the next run fails with exit 3 unless --allow-data-loss).</summary>
    public long DeletedUnread => StoredOffset is { } stored && stored < EarliestOffset ? EarliestOffset - stored : 0;
}
