namespace ClickBatch.Kafka;

/// <summary>
/// What a run reads, one range per partition, the data-loss gaps it accepted (<see cref="Gaps"/>, with
/// --allow-data-loss: those partitions continue from earliest) and the gaps it did not accept
/// (<see cref="BlockedGaps"/>: those partitions have an empty range at their stored start and are not read).
/// </summary>
public sealed record OffsetPlan(IReadOnlyList<PartitionRange> Ranges, IReadOnlyList<DataLossGap> Gaps)
{
    /// <summary>Gaps without --allow-data-loss: their partitions are not read, the run ends with exit code 3 naming them.</summary>
    public IReadOnlyList<DataLossGap> BlockedGaps { get; init; } = [];

    /// <summary>The ranges with something to read; idle partitions are done without being assigned.</summary>
    public IEnumerable<PartitionRange> NonEmptyRanges => Ranges.Where(r => !r.IsEmpty);

    /// <summary>True when the partition has a gap the run did not accept, so it is not read.</summary>
    public bool IsBlocked(KafkaPartition partition) => BlockedGaps.Any(g => g.Topic == partition.Topic && g.Partition == partition.Partition);
}
