using ClickBatch.Kafka;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>A real source that "dies" when the run gets to mirroring offsets to the consumer group.</summary>
public sealed class CrashOnGroupCommitSource(IKafkaSource inner) : ForwardingKafkaSource(inner)
{
    public override Task CommitGroupOffsetsAsync(string groupId, IReadOnlyDictionary<KafkaPartition, long> nextOffsets, CancellationToken cancellationToken) =>
        throw new InjectedCrashException("injected crash before the group offset commit");
}
