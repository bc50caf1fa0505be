namespace ClickBatch.Kafka;

/// <summary>
/// One raw Kafka record as read: payloads stay bytes (decoding is the next stage's job). The key and value memory of
/// a record from <see cref="IKafkaSource.ReadAsync"/> is valid until the next chunk is requested: copy what must
/// outlive the chunk. Build one from arrays with <see cref="FromArrays"/>: a null array converts implicitly to an
/// empty (non-null) memory, which would turn a tombstone into an empty payload.
/// </summary>
/// <param name="Topic">The topic read.</param>
/// <param name="Partition">The partition read.</param>
/// <param name="Offset">The record's offset.</param>
/// <param name="TimestampMs">Kafka timestamp, milliseconds since the Unix epoch (UTC).</param>
/// <param name="TimestampType">Whether the producer or the broker set the timestamp.</param>
/// <param name="Key">Key bytes, null when the record has no key.</param>
/// <param name="Value">Value bytes, null for a tombstone.</param>
public readonly record struct KafkaRecord(
    string Topic,
    int Partition,
    long Offset,
    long TimestampMs,
    KafkaTimestampType TimestampType,
    ReadOnlyMemory<byte>? Key,
    ReadOnlyMemory<byte>? Value)
{
    public long PayloadBytes => (Key?.Length ?? 0) + (Value?.Length ?? 0);

    public static KafkaRecord FromArrays(
        string topic, int partition, long offset, long timestampMs, KafkaTimestampType timestampType, byte[]? key, byte[]? value) =>
        new(topic, partition, offset, timestampMs, timestampType, ToMemory(key), ToMemory(value));

    // Not `bytes is null ? null : bytes`: the null literal converts to ReadOnlyMemory<byte> through byte[], giving empty.
    private static ReadOnlyMemory<byte>? ToMemory(byte[]? bytes) => bytes is null ? (ReadOnlyMemory<byte>?)null : bytes;
}
