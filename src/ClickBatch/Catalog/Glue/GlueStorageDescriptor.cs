namespace ClickBatch.Catalog.Glue;

/// <summary>Glue "StorageDescriptor": columns, location and formats of a table or partition.</summary>
public sealed record GlueStorageDescriptor
{
    public IReadOnlyList<GlueColumn> Columns { get; init; } = [];

    public string? Location { get; init; }

    public string? InputFormat { get; init; }

    public string? OutputFormat { get; init; }

    public bool? Compressed { get; init; }

    public GlueSerDeInfo? SerdeInfo { get; init; }

    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    public bool? StoredAsSubDirectories { get; init; }
}
