namespace ClickBatch.Jobs.Backfill;

/// <summary>
/// One Kafka partition of a backfill: the range <c>[From, To)</c> it replaces, the partition's earliest offset and
/// the offset both tables hold (the daily job's stored txn offsets), and what reading it gave.
/// </summary>
public sealed record BackfillPartition(int Partition, long From, long To, long Earliest, long Stored)
{
    public long Records { get; init; }

    public long Rows { get; init; }

    public long Rejects { get; init; }
}
