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

    /// <summary>Parses the file; a malformed hint or one whose checksum does not match gives null (the listing is the truth).</summary>
    public static LastCheckpoint? TryParse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return LastCheckpointChecksum.IsValid(utf8)
                ? JsonSerializer.Deserialize<LastCheckpoint>(utf8, Actions.DeltaActionSerializer.Options)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not an object, a checksum that is not a string, a lone surrogate escape: a hint we cannot use.
            return null;
        }
    }

    /// <summary>The file content, with the protocol's MD5 checksum of its canonical form.</summary>
    public byte[] ToUtf8()
    {
        var plain = this with { SizeInBytesSnakeCase = null, Checksum = null };
        using var document = JsonSerializer.SerializeToDocument(plain, Actions.DeltaActionSerializer.Options);
        return JsonSerializer.SerializeToUtf8Bytes(plain with { Checksum = LastCheckpointChecksum.Compute(document.RootElement) }, Actions.DeltaActionSerializer.Options);
    }
}
