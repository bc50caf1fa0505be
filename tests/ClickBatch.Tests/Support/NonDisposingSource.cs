using ClickBatch.Kafka;

namespace ClickBatch.Tests.Support;

/// <summary>Keeps a fake source alive across runs: a job disposes the source it is given.</summary>
public sealed class NonDisposingSource(IKafkaSource inner) : IKafkaSource
{
    public Task<IReadOnlyList<PartitionBounds>> CaptureBoundsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        inner.CaptureBoundsAsync(topics, cancellationToken);

    public Task<IReadOnlyDictionary<KafkaPartition, long>> GetGroupOffsetsAsync(
        string groupId, IReadOnlyList<KafkaPartition> partitions, CancellationToken cancellationToken) =>
        inner.GetGroupOffsetsAsync(groupId, partitions, cancellationToken);

    public IAsyncEnumerable<KafkaRecordBatch> ReadAsync(IReadOnlyList<PartitionRange> ranges, CancellationToken cancellationToken) =>
        inner.ReadAsync(ranges, cancellationToken);

    public IAsyncEnumerable<KafkaRecordBatch> ReadGroupAsync(IReadOnlyList<string> topics, IAssignmentHandler handler, CancellationToken cancellationToken) =>
        inner.ReadGroupAsync(topics, handler, cancellationToken);

    public Task<IReadOnlyDictionary<int, long?>> GetOffsetsForTimesAsync(
        string topic, IReadOnlyList<int> partitions, DateTimeOffset timestamp, CancellationToken cancellationToken) =>
        inner.GetOffsetsForTimesAsync(topic, partitions, timestamp, cancellationToken);

    public Task CommitGroupOffsetsAsync(
        string groupId, IReadOnlyDictionary<KafkaPartition, long> nextOffsets, CancellationToken cancellationToken) =>
        inner.CommitGroupOffsetsAsync(groupId, nextOffsets, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
