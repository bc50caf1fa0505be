using ClickBatch.Delta.Schema;

namespace ClickBatch.Delta.Writing;

/// <summary>What a new table looks like: schema, partition columns (top-level primitives) and table properties.</summary>
public sealed record TableDefinition(StructType Schema, IReadOnlyList<string> PartitionColumns, IReadOnlyDictionary<string, string?> Configuration)
{
    public string? Name { get; init; }

    public string? Description { get; init; }
}
