using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClickBatch.Delta.Log;

/// <summary>
/// <c>_delta_log/_last_checkpoint</c> (PROTOCOL.md "Last Checkpoint File Schema"). Only a hint: readers list the log.
/// delta-rs 0.17 spells <c>size_in_bytes</c>; both spellings are read, <c>sizeInBytes</c> is written.
/// </summary>
public sealed record LastCheckpoint
{
    public const string Key = "_delta_log/_last_checkpoint";

    public long Version { get; init; }

    public long Size { get; init; }

    public int? Parts { get; init; }

    public long? SizeInBytes { get; init; }

    [JsonPropertyName("size_in_bytes")]
    public long? SizeInBytesSnakeCase { get; init; }

    public long? NumOfAddFiles { get; init; }

    public string? Checksum { get; init; }

    [JsonIgnore]
    public long? EffectiveSizeInBytes => SizeInBytes ?? SizeInBytesSnakeCase;

    /// <summary>Parses the file; a malformed hint gives null (the log listing is the truth).</summary>
    public static LastCheckpoint? TryParse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<LastCheckpoint>(utf8, Actions.DeltaActionSerializer.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this with { SizeInBytesSnakeCase = null }, Actions.DeltaActionSerializer.Options);
}
