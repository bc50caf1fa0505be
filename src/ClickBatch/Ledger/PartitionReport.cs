namespace ClickBatch.Ledger;

/// <summary>
/// What a run did with one Kafka partition. <see cref="StartOffset"/> and <see cref="EndOffset"/> bound the records
/// it was to read, [start, end); <see cref="CommittedOffset"/> is the next offset the Delta log now holds.
/// </summary>
public sealed record PartitionReport
{
    public required int Partition { get; init; }

    public required long EarliestOffset { get; init; }

    public required long StartOffset { get; init; }

    public required long EndOffset { get; init; }

    public long CommittedOffset { get; init; }

    public long Records { get; init; }

    public long Rows { get; init; }

    public long Rejects { get; init; }

    /// <summary>Records skipped because their table already held them (rerun after a crash between two commits).</summary>
    public long AlreadyLanded { get; init; }

    /// <summary>
    /// Offsets retention deleted before they were read, [from, to). With --allow-data-loss the partition continued from
    /// its earliest offset; without it the partition was not read (start = end = its stored offset) and the run
    /// ended with exit code 3 (status DataLoss) after landing the other partitions.
    /// </summary>
    public OffsetGap? DataLossGap { get; init; }

    /// <summary>
    /// Group assignment: the group moved the partition to another task during this run, after this run committed what it
    /// read of it (docs/scale-out.md). Start and end offsets are those of this run's last hold of it.
    /// </summary>
    public bool HandedOver { get; init; }
}
