namespace ClickBatch.Catalog.Glue;

/// <summary>Glue "Table" as GetTable returns it (the fields ClickBatch reads).</summary>
public sealed record GlueTable
{
    public required string Name { get; init; }

    public string? DatabaseName { get; init; }

    public string? Description { get; init; }

    public string? Owner { get; init; }

    public string? TableType { get; init; }

    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    public GlueStorageDescriptor? StorageDescriptor { get; init; }

    public IReadOnlyList<GlueColumn> PartitionKeys { get; init; } = [];

    /// <summary>Glue's table version, for optimistic UpdateTable.</summary>
    public string? VersionId { get; init; }

    /// <summary>The input UpdateTable needs to write this table back unchanged.</summary>
    public GlueTableInput ToInput() => new()
    {
        Name = Name,
        Description = Description,
        Owner = Owner,
        TableType = TableType,
        Parameters = Parameters,
        StorageDescriptor = StorageDescriptor,
        PartitionKeys = PartitionKeys,
    };
}
