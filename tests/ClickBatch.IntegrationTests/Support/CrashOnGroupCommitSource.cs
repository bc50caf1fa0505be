using ClickBatch.Kafka;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>A real source that "dies" when the run gets to mirroring offsets to the consumer group.</summary>
public sealed class CrashOnGroupCommitSource(IKafkaSource inner) : IKafkaSource
{
    public Task<IReadOnlyList<PartitionBounds>> CaptureBoundsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        inner.CaptureBoundsAsync(topics, cancellationToken);

    public Task<IReadOnlyDictionary<KafkaPartition, long>> GetGroupOffsetsAsync(
        string groupId, IReadOnlyList<KafkaPartition> partitions, CancellationToken cancellationToken) =>
        inner.GetGroupOffsetsAsync(groupId, partitions, cancellationToken);

    public Task<IReadOnlyDictionary<int, long?>> GetOffsetsForTimesAsync(
        string topic, IReadOnlyList<int> partitions, DateTimeOffset timestamp, CancellationToken cancellationToken) =>
        inner.GetOffsetsForTimesAsync(topic, partitions, timestamp, cancellationToken);

    public IAsyncEnumerable<KafkaRecordBatch> ReadAsync(IReadOnlyList<PartitionRange> ranges, CancellationToken cancellationToken) =>
        inner.ReadAsync(ranges, cancellationToken);

    public Task CommitGroupOffsetsAsync(string groupId, IReadOnlyDictionary<KafkaPartition, long> nextOffsets, CancellationToken cancellationToken) =>
        throw new InjectedCrashException("injected crash before the group offset commit");

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
