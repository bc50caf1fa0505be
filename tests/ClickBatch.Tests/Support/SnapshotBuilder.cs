using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Snapshots;

namespace ClickBatch.Tests.Support;

/// <summary>In-memory Delta snapshots with a chosen schema, partition columns and active files.</summary>
public static class SnapshotBuilder
{
    public static Snapshot Create(StructType schema, IReadOnlyList<string> partitionColumns, IEnumerable<AddFile> files, long version = 3) =>
        new(
            new Uri("s3://lake/clicks/"),
            version,
            new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 2 },
            new MetadataAction { Id = "table-id-1", SchemaString = DeltaSchema.Serialize(schema), PartitionColumns = partitionColumns },
            files.ToList(),
            [],
            new Dictionary<string, TransactionAction>(),
            new Dictionary<string, DomainMetadataAction>(),
            [],
            null);

    public static AddFile File(string path, params (string Column, string? Value)[] partition) => new()
    {
        Path = path,
        Size = 100,
        PartitionValues = partition.ToDictionary(p => p.Column, p => p.Value, StringComparer.Ordinal),
        DataChange = true,
    };
}
