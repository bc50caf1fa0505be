using ClickBatch.Kafka;

namespace ClickBatch.Tests.Support;

/// <summary>One rebalance of a fake group read: after <paramref name="AfterChunks"/> chunks, revoke, then assign.</summary>
public sealed record GroupStep(int AfterChunks, IReadOnlyList<KafkaPartition> Assign, IReadOnlyList<KafkaPartition> Revoke);
