namespace ClickBatch.Kafka;

/// <summary>
/// A chunk of records read from one or more partitions, in offset order per partition, plus the position of every
/// partition that moved while reading it (a chunk may carry positions and no records, e.g. when the last offsets
/// of a partition are transaction markers).
/// </summary>
public sealed record KafkaRecordBatch(
    IReadOnlyList<KafkaRecord> Records,
    IReadOnlyList<PartitionPosition> Positions,
    long PayloadBytes)
{
    /// <summary>
    /// How many more chunks the caller may request while it still uses this chunk's records: their memory is reused
    /// only by the chunk after those. 0 (the default): the records are valid until the next chunk is requested.
    /// </summary>
    public int KeptForChunks { get; init; }
}
