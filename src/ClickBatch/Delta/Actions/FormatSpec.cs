namespace ClickBatch.Delta.Actions;

/// <summary>metaData.format: always parquet with no options for tables ClickBatch writes.</summary>
public sealed record FormatSpec
{
    public string Provider { get; init; } = "parquet";

    public IReadOnlyDictionary<string, string?> Options { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);
}
