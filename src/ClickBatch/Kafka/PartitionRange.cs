namespace ClickBatch.Kafka;

/// <summary>The offsets one run reads from a partition: <c>[From, To)</c>. <c>From == To</c> means nothing to read.</summary>
public sealed record PartitionRange(string Topic, int Partition, long From, long To)
{
    public KafkaPartition Key => new(Topic, Partition);

    public bool IsEmpty => From >= To;

    /// <summary>Offsets in the range; records may be fewer (compaction, transaction markers).</summary>
    public long OffsetCount => Math.Max(0, To - From);
}
