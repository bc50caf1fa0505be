namespace ClickBatch.Decoding;

/// <summary>
/// One Kafka record as the decoder sees it: where it is, its timestamp (ms since the epoch, negative when the
/// broker has none), and its key and value bytes (null value = tombstone). Memory is borrowed for the call only.
/// Build it from Confluent's <c>byte[]</c> key and value with <see cref="FromArrays"/>: a null array converts
/// implicitly to an empty (non-null) memory, which would turn a tombstone into an empty payload.
/// </summary>
public readonly record struct RawRecord(
    string Topic,
    int Partition,
    long Offset,
    long TimestampMs,
    ReadOnlyMemory<byte>? Key,
    ReadOnlyMemory<byte>? Value)
{
    public static RawRecord FromArrays(string topic, int partition, long offset, long timestampMs, byte[]? key, byte[]? value) =>
        new(topic, partition, offset, timestampMs, ToMemory(key), ToMemory(value));

    // Not `bytes is null ? null : bytes`: the null literal converts to ReadOnlyMemory<byte> through byte[], giving empty.
    private static ReadOnlyMemory<byte>? ToMemory(byte[]? bytes) => bytes is null ? (ReadOnlyMemory<byte>?)null : bytes;
}
