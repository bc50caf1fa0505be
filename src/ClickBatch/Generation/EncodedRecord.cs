namespace ClickBatch.Generation;

/// <summary>
/// The Kafka key and value of one record; the spans point into the encoder's reused buffers and are valid
/// until its next <see cref="RecordEncoder.Encode"/>.
/// </summary>
public readonly ref struct EncodedRecord
{
    public EncodedRecord(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone)
    {
        Key = key;
        Value = value;
        IsTombstone = isTombstone;
    }

    /// <summary>user_id as ASCII decimal digits, so one user's events share a partition and stay ordered.</summary>
    public ReadOnlySpan<byte> Key { get; }

    /// <summary>The JSON payload (or the bytes of a malformed record); empty for a tombstone.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>True when the Kafka value is null (not merely empty).</summary>
    public bool IsTombstone { get; }
}
