namespace ClickBatch.Kafka;

/// <summary>What a run reads, one range per partition, and the data-loss gaps it accepted (with --allow-data-loss).</summary>
public sealed record OffsetPlan(IReadOnlyList<PartitionRange> Ranges, IReadOnlyList<DataLossGap> Gaps)
{
    /// <summary>The ranges with something to read; idle partitions are done without being assigned.</summary>
    public IEnumerable<PartitionRange> NonEmptyRanges => Ranges.Where(r => !r.IsEmpty);
}
