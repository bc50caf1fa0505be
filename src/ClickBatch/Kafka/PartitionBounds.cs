namespace ClickBatch.Kafka;

/// <summary>
/// A partition's offsets as captured once at the start of a run, before anything is assigned.
/// </summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Partition">The partition number.</param>
/// <param name="Earliest">The low watermark: the first offset Kafka still has (retention may have deleted older ones).</param>
/// <param name="End">The high watermark: one past the last offset at capture time. The run reads up to it, never past.</param>
public sealed record PartitionBounds(string Topic, int Partition, long Earliest, long End)
{
    public KafkaPartition Key => new(Topic, Partition);
}
