using ClickBatch.Delta.Snapshots;

namespace ClickBatch.Jobs.Backfill;

/// <summary>
/// A validated backfill: the resolved ranges per partition and the snapshots they were checked against. A partition
/// whose time window holds no record (from == to) is reported but has no range: nothing is read or replaced in it.
/// </summary>
public sealed record BackfillPlan(BackfillOptions Options, IReadOnlyList<BackfillPartition> Partitions, Snapshot Data, Snapshot Rejects)
{
    public BackfillRanges Ranges { get; } = new(Partitions.Where(p => p.From < p.To).Select(p => new Kafka.PartitionRange(Options.Topic.Topic, p.Partition, p.From, p.To)).ToList());
}
