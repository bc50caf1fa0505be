namespace ClickBatch.Decoding;

/// <summary>
/// One Kafka record as the decoder sees it: where it is, its timestamp (ms since the epoch, negative when the
/// broker has none), and its key and value bytes (null value = tombstone). Memory is borrowed for the call only.
/// </summary>
public readonly record struct RawRecord(
    string Topic,
    int Partition,
    long Offset,
    long TimestampMs,
    ReadOnlyMemory<byte>? Key,
    ReadOnlyMemory<byte>? Value);
