namespace ClickBatch.Delta.Actions;

/// <summary>The <c>metaData</c> action: table id, schema, partition columns and configuration; the latest wins.</summary>
public sealed record MetadataAction
{
    public string Id { get; init; } = string.Empty;

    public string? Name { get; init; }

    public string? Description { get; init; }

    public FormatSpec Format { get; init; } = new();

    public string SchemaString { get; init; } = string.Empty;

    public IReadOnlyList<string> PartitionColumns { get; init; } = [];

    public long? CreatedTime { get; init; }

    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);
}
