namespace ClickBatch.Jobs.Maintenance;

/// <summary>
/// What optimize did to one table: the Delta version it committed (null when it committed nothing: dry run, nothing
/// to compact, or no table) and the partitions it compacted or would compact. <see cref="Note"/> says why nothing.
/// </summary>
public sealed record OptimizeResult(string Table, long? DeltaVersion, IReadOnlyList<PartitionCompaction> Partitions, string? Note);
