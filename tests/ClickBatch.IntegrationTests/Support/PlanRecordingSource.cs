using ClickBatch.Kafka;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// A real source that hands over the ranges of the run's first read (its plan, made from the tables' stored offsets)
/// the moment the run asks to read them, so a test knows the run has planned.
/// </summary>
public sealed class PlanRecordingSource(IKafkaSource inner, TaskCompletionSource<IReadOnlyList<PartitionRange>> planned) : IKafkaSource
{
    public Task<IReadOnlyList<PartitionBounds>> CaptureBoundsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        inner.CaptureBoundsAsync(topics, cancellationToken);

    public Task<IReadOnlyDictionary<KafkaPartition, long>> GetGroupOffsetsAsync(
        string groupId, IReadOnlyList<KafkaPartition> partitions, CancellationToken cancellationToken) =>
        inner.GetGroupOffsetsAsync(groupId, partitions, cancellationToken);

    public Task<IReadOnlyDictionary<int, long?>> GetOffsetsForTimesAsync(
        string topic, IReadOnlyList<int> partitions, DateTimeOffset timestamp, CancellationToken cancellationToken) =>
        inner.GetOffsetsForTimesAsync(topic, partitions, timestamp, cancellationToken);

    public IAsyncEnumerable<KafkaRecordBatch> ReadAsync(IReadOnlyList<PartitionRange> ranges, CancellationToken cancellationToken)
    {
        planned.TrySetResult(ranges);
        return inner.ReadAsync(ranges, cancellationToken);
    }

    public Task CommitGroupOffsetsAsync(string groupId, IReadOnlyDictionary<KafkaPartition, long> nextOffsets, CancellationToken cancellationToken) =>
        inner.CommitGroupOffsetsAsync(groupId, nextOffsets, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
