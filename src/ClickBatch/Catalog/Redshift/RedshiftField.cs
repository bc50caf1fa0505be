using System.Text.Json.Serialization;

namespace ClickBatch.Catalog.Redshift;

/// <summary>One cell of GetStatementResult ("Field": a union, exactly one member set).</summary>
public sealed record RedshiftField
{
    [JsonPropertyName("isNull")]
    public bool? IsNull { get; init; }

    [JsonPropertyName("longValue")]
    public long? LongValue { get; init; }

    [JsonPropertyName("doubleValue")]
    public double? DoubleValue { get; init; }

    [JsonPropertyName("stringValue")]
    public string? StringValue { get; init; }

    [JsonPropertyName("booleanValue")]
    public bool? BooleanValue { get; init; }
}
