using ClickBatch.Kafka;

namespace ClickBatch.Tests.Support;

/// <summary>Passes every call to another source; the test sources override only the calls they change.</summary>
public abstract class ForwardingKafkaSource(IKafkaSource inner) : IKafkaSource
{
    protected IKafkaSource Inner => inner;

    public virtual Task<IReadOnlyList<PartitionBounds>> CaptureBoundsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        inner.CaptureBoundsAsync(topics, cancellationToken);

    public virtual Task<IReadOnlyDictionary<KafkaPartition, long>> GetGroupOffsetsAsync(
        string groupId, IReadOnlyList<KafkaPartition> partitions, CancellationToken cancellationToken) =>
        inner.GetGroupOffsetsAsync(groupId, partitions, cancellationToken);

    public virtual IAsyncEnumerable<KafkaRecordBatch> ReadAsync(IReadOnlyList<PartitionRange> ranges, CancellationToken cancellationToken) =>
        inner.ReadAsync(ranges, cancellationToken);

    public virtual IAsyncEnumerable<KafkaRecordBatch> ReadGroupAsync(IReadOnlyList<string> topics, IAssignmentHandler handler, CancellationToken cancellationToken) =>
        inner.ReadGroupAsync(topics, handler, cancellationToken);

    public virtual Task<IReadOnlyDictionary<int, long?>> GetOffsetsForTimesAsync(
        string topic, IReadOnlyList<int> partitions, DateTimeOffset timestamp, CancellationToken cancellationToken) =>
        inner.GetOffsetsForTimesAsync(topic, partitions, timestamp, cancellationToken);

    public virtual Task CommitGroupOffsetsAsync(string groupId, IReadOnlyDictionary<KafkaPartition, long> nextOffsets, CancellationToken cancellationToken) =>
        inner.CommitGroupOffsetsAsync(groupId, nextOffsets, cancellationToken);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return inner.DisposeAsync();
    }
}
