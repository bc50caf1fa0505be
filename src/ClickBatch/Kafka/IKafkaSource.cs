namespace ClickBatch.Kafka;

/// <summary>
/// The bounded Kafka source of a run. The Confluent.Kafka implementation is <see cref="ConfluentKafkaSource"/>;
/// tests use fakes for what a local Kafka cannot do.
/// </summary>
public interface IKafkaSource : IAsyncDisposable
{
    /// <summary>Earliest and end of every partition of the topics, captured once, before anything is assigned.</summary>
    Task<IReadOnlyList<PartitionBounds>> CaptureBoundsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken);

    /// <summary>The group's committed next offsets; partitions without a committed offset are absent.</summary>
    Task<IReadOnlyDictionary<KafkaPartition, long>> GetGroupOffsetsAsync(
        string groupId, IReadOnlyList<KafkaPartition> partitions, CancellationToken cancellationToken);

    /// <summary>
    /// Reads exactly the offsets <c>[From, To)</c> of every range, in chunks; never a record at or past <c>To</c>.
    /// Empty ranges are not assigned. Ends when every partition reached its <c>To</c>. A chunk's records list, keys and
    /// values are valid until the next chunk is requested (the reader reuses them, and may read the next chunk meanwhile
    /// into other buffers): copy what must outlive the chunk.
    /// </summary>
    IAsyncEnumerable<KafkaRecordBatch> ReadAsync(IReadOnlyList<PartitionRange> ranges, CancellationToken cancellationToken);

    /// <summary>
    /// Joins the consumer group and reads the partitions its coordinator assigns this task, each from the range
    /// <paramref name="handler"/> plans when it gets the partition, never past that range's <c>To</c>; tells the handler
    /// before a partition is taken away. Ends when the group has answered and every partition this task holds reached
    /// its <c>To</c>; the task stays in the group until the source is disposed. Chunks follow <see cref="ReadAsync"/>'s
    /// contract.
    /// </summary>
    IAsyncEnumerable<KafkaRecordBatch> ReadGroupAsync(IReadOnlyList<string> topics, IAssignmentHandler handler, CancellationToken cancellationToken);

    /// <summary>
    /// Per partition of <paramref name="topic"/>, the earliest offset whose record timestamp is at or after
    /// <paramref name="timestamp"/> (Kafka ListOffsets by time); null for a partition where the broker returned no
    /// offset (no such record: the timestamp is after the partition's last record).
    /// </summary>
    Task<IReadOnlyDictionary<int, long?>> GetOffsetsForTimesAsync(
        string topic, IReadOnlyList<int> partitions, DateTimeOffset timestamp, CancellationToken cancellationToken);

    /// <summary>Commits next offsets to the group so lag tools see progress. Best effort: the caller logs failures.</summary>
    Task CommitGroupOffsetsAsync(
        string groupId, IReadOnlyDictionary<KafkaPartition, long> nextOffsets, CancellationToken cancellationToken);
}
