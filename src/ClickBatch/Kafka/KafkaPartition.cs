namespace ClickBatch.Kafka;

/// <summary>One partition of one topic: the unit offsets, bounds and Delta txn actions are kept per.</summary>
public readonly record struct KafkaPartition(string Topic, int Partition)
{
    public override string ToString() => Topic + "[" + Partition + "]";
}
