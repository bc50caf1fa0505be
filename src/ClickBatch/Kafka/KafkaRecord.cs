namespace ClickBatch.Kafka;

/// <summary>One raw Kafka record as read: payloads stay bytes (decoding is the next stage's job).</summary>
/// <param name="Topic">The topic read.</param>
/// <param name="Partition">The partition read.</param>
/// <param name="Offset">The record's offset.</param>
/// <param name="TimestampMs">Kafka timestamp, milliseconds since the Unix epoch (UTC).</param>
/// <param name="TimestampType">Whether the producer or the broker set the timestamp.</param>
/// <param name="Key">Key bytes, null when the record has no key.</param>
/// <param name="Value">Value bytes, null for a tombstone.</param>
public sealed record KafkaRecord(
    string Topic,
    int Partition,
    long Offset,
    long TimestampMs,
    KafkaTimestampType TimestampType,
    byte[]? Key,
    byte[]? Value)
{
    public long PayloadBytes => (Key?.Length ?? 0) + (Value?.Length ?? 0);
}
