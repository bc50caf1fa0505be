using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClickBatch.Delta.Actions;

/// <summary>
/// The <c>commitInfo</c> action: free-form provenance. Known fields are typed; everything else (other engines'
/// fields, ClickBatch's own <c>clickbatch.runId</c>) is kept in <see cref="Extra"/> and written back unchanged.
/// </summary>
public sealed record CommitInfoAction
{
    public long? Timestamp { get; init; }

    public string? Operation { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? OperationParameters { get; init; }

    public string? EngineInfo { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>A string field of <see cref="Extra"/>, e.g. <c>clickbatch.runId</c>, or null.</summary>
    public string? GetExtraString(string name) =>
        Extra is not null && Extra.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
