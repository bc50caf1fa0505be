namespace ClickBatch.Catalog.Glue;

/// <summary>Glue "TableInput": what CreateTable and UpdateTable take.</summary>
public sealed record GlueTableInput
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? Owner { get; init; }

    /// <summary>"EXTERNAL_TABLE" for tables over files that Glue does not own.</summary>
    public string? TableType { get; init; }

    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    public GlueStorageDescriptor? StorageDescriptor { get; init; }

    /// <summary>Partition columns, in partition order; they are not repeated in StorageDescriptor.Columns.</summary>
    public IReadOnlyList<GlueColumn> PartitionKeys { get; init; } = [];
}
