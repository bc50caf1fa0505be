namespace ClickBatch.Kafka;

/// <summary>
/// A chunk of records read from one or more partitions, in offset order per partition, plus the position of every
/// partition that moved while reading it (a chunk may carry positions and no records, e.g. when the last offsets
/// of a partition are transaction markers).
/// </summary>
public sealed record KafkaRecordBatch(
    IReadOnlyList<KafkaRecord> Records,
    IReadOnlyList<PartitionPosition> Positions,
    long PayloadBytes);
