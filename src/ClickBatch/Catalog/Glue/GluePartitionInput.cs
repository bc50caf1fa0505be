namespace ClickBatch.Catalog.Glue;

/// <summary>Glue "PartitionInput": partition values (in partition-key order) and where its data is.</summary>
public sealed record GluePartitionInput(
    IReadOnlyList<string> Values,
    GlueStorageDescriptor StorageDescriptor,
    IReadOnlyDictionary<string, string>? Parameters = null);
