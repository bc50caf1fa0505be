using ClickBatch.Kafka;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>Passes every call to a real source; wrappers override the one call they change.</summary>
public abstract class ForwardingKafkaSource(IKafkaSource inner) : IKafkaSource
{
    public virtual Task<IReadOnlyList<PartitionBounds>> CaptureBoundsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        inner.CaptureBoundsAsync(topics, cancellationToken);

    public virtual Task<IReadOnlyDictionary<KafkaPartition, long>> GetGroupOffsetsAsync(
        string groupId, IReadOnlyList<KafkaPartition> partitions, CancellationToken cancellationToken) =>
        inner.GetGroupOffsetsAsync(groupId, partitions, cancellationToken);

    public virtual Task<IReadOnlyDictionary<int, long?>> GetOffsetsForTimesAsync(
        string topic, IReadOnlyList<int> partitions, DateTimeOffset timestamp, CancellationToken cancellationToken) =>
        inner.GetOffsetsForTimesAsync(topic, partitions, timestamp, cancellationToken);

    public virtual IAsyncEnumerable<KafkaRecordBatch> ReadAsync(IReadOnlyList<PartitionRange> ranges, CancellationToken cancellationToken) =>
        inner.ReadAsync(ranges, cancellationToken);

    public virtual IAsyncEnumerable<KafkaRecordBatch> ReadGroupAsync(IReadOnlyList<string> topics, IAssignmentHandler handler, CancellationToken cancellationToken) =>
        inner.ReadGroupAsync(topics, handler, cancellationToken);

    public virtual Task CommitGroupOffsetsAsync(string groupId, IReadOnlyDictionary<KafkaPartition, long> nextOffsets, CancellationToken cancellationToken) =>
        inner.CommitGroupOffsetsAsync(groupId, nextOffsets, cancellationToken);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return inner.DisposeAsync();
    }
}
