using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;

namespace ClickBatch.Jobs.Maintenance;

/// <summary>
/// Which files of which partitions to compact: per partition, the active files smaller than the target (without
/// deletion vectors). A partition with fewer than two such files is left alone: rewriting one file changes nothing.
/// </summary>
internal static class CompactionPlan
{
    public static IReadOnlyList<IGrouping<string, AddFile>> For(Snapshot snapshot, string? partition, long targetBytes) =>
        snapshot.ActiveFiles
            .Where(f => f.Size < targetBytes && f.DeletionVector is null)
            .GroupBy(f => PartitionPath.Build(snapshot.PartitionColumns, f.PartitionValues), StringComparer.Ordinal)
            .Where(g => partition is null || string.Equals(g.Key, partition, StringComparison.Ordinal))
            .Where(g => g.Count() >= 2)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
}
