using ClickBatch.Delta;

namespace ClickBatch.Jobs.Backfill;

/// <summary>A validated backfill: the resolved ranges per partition and the snapshots they were checked against.</summary>
public sealed record BackfillPlan(BackfillOptions Options, IReadOnlyList<BackfillPartition> Partitions, Snapshot Data, Snapshot Rejects)
{
    public BackfillRanges Ranges { get; } = new(Partitions.Select(p => new Kafka.PartitionRange(Options.Topic.Topic, p.Partition, p.From, p.To)).ToList());
}
