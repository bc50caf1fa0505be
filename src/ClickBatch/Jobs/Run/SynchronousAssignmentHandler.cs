using ClickBatch.Kafka;

namespace ClickBatch.Jobs.Run;

/// <summary>
/// The run's rebalance handling, called from inside librdkafka's poll on the read's thread-pool thread: the group waits
/// for the answer, so the run's asynchronous planning and commits are awaited to completion here. No synchronization
/// context is involved (a console process), so waiting cannot deadlock; the read is paused meanwhile anyway.
/// </summary>
internal sealed class SynchronousAssignmentHandler(
    Func<IReadOnlyList<PartitionBounds>, Task<IReadOnlyList<PartitionRange>>> assignAsync,
    Func<IReadOnlyList<KafkaPartition>, Task> revokeAsync) : IAssignmentHandler
{
    public IReadOnlyList<PartitionRange> Assigned(IReadOnlyList<PartitionBounds> partitions) =>
        assignAsync(partitions).GetAwaiter().GetResult();

    public void Revoked(IReadOnlyList<KafkaPartition> partitions) => revokeAsync(partitions).GetAwaiter().GetResult();
}
