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

    /// <summary>An action, not a function: Confluent.Kafka refuses revoked or lost handlers that return an assignment under a cooperative assignor.</summary>
    public void Revoked(List<TopicPartitionOffset> partitions) => Target?.Revoked(partitions);

    public void Lost(List<TopicPartitionOffset> partitions) => Target?.Lost(partitions);
}
