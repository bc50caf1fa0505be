namespace ClickBatch.Kafka;

/// <summary>
/// How far a partition has been read: every offset below <paramref name="NextOffset"/> is either in a chunk
/// already handed out or was not a data record (transaction marker, compacted away). It is the value to store
/// as the Delta txn version once those chunks are committed.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="NextOffset">The next offset to read.</param>
/// <param name="IsComplete">True once <paramref name="NextOffset"/> reached the range's end.</param>
public sealed record PartitionPosition(string Topic, int Partition, long NextOffset, bool IsComplete)
{
    public KafkaPartition Key => new(Topic, Partition);
}
