using System.Text.Json;

namespace ClickBatch.Delta.Actions;

/// <summary>
/// PROTOCOL.md "Per-file Statistics". Min/max/null counts mirror the (physical) schema, so they stay JSON;
/// <see cref="NumRecords"/> counts physical rows (deletion vectors not applied).
/// </summary>
public sealed record FileStatistics
{
    public long? NumRecords { get; init; }

    public bool? TightBounds { get; init; }

    public JsonElement? MinValues { get; init; }

    public JsonElement? MaxValues { get; init; }

    public JsonElement? NullCount { get; init; }

    /// <summary>Parses an <c>add.stats</c> string; null or empty gives null. Malformed stats are treated as absent.</summary>
    public static FileStatistics? Parse(string? stats)
    {
        if (string.IsNullOrWhiteSpace(stats))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<FileStatistics>(stats, DeltaActionSerializer.Options);
        }
        catch (JsonException)
        {
            // Stats are an optimisation (PROTOCOL.md: optional); a reader must not fail a table on them.
            return null;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, DeltaActionSerializer.Options);
}
