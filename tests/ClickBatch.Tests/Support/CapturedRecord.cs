namespace ClickBatch.Tests.Support;

/// <summary>One record as a sink received it; <see cref="Value"/> is null for a tombstone.</summary>
public sealed record CapturedRecord(string Topic, byte[] Key, byte[]? Value, long TimestampUnixMs);
