using Confluent.Kafka;

namespace ClickBatch.Kafka;

/// <summary>
/// Confluent.Kafka takes rebalance handlers when the consumer is built; a group read attaches its
/// <see cref="GroupRebalance"/> here while it runs. Without one (before and after the read, while closing) a rebalance
/// does what Confluent.Kafka does without handlers: assign from the committed offsets, or let the partitions go.
/// </summary>
internal sealed class RebalanceRelay
{
    public GroupRebalance? Target { get; set; }

    public IEnumerable<TopicPartitionOffset> Assigned(List<TopicPartition> partitions) =>
        Target?.Assigned(partitions) ?? partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset));

    public IEnumerable<TopicPartitionOffset> Revoked(List<TopicPartitionOffset> partitions) => Target?.Revoked(partitions) ?? [];

    public IEnumerable<TopicPartitionOffset> Lost(List<TopicPartitionOffset> partitions) => Target?.Lost(partitions) ?? [];
}
