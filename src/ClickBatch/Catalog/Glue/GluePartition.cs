namespace ClickBatch.Catalog.Glue;

/// <summary>Glue "Partition" as GetPartitions returns it.</summary>
public sealed record GluePartition
{
    public IReadOnlyList<string> Values { get; init; } = [];

    public string? DatabaseName { get; init; }

    public string? TableName { get; init; }

    public GlueStorageDescriptor? StorageDescriptor { get; init; }

    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}
