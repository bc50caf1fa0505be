namespace ClickBatch.Catalog.Glue;

/// <summary>Response bodies of the Glue operations GlueClient calls (JSON names as Glue sends them).</summary>
internal static class GlueResponses
{
    internal sealed record GetTable(GlueTable Table);

    internal sealed record GetPartitions(IReadOnlyList<GluePartition>? Partitions, string? NextToken);

    internal sealed record BatchPartition(IReadOnlyList<GluePartitionError>? Errors);

    internal sealed record Empty;
}
