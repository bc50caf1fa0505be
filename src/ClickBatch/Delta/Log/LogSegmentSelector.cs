
namespace ClickBatch.Delta.Log;

/// <summary>Pure selection over a listing: which checkpoint and which commits make up the snapshot at a version.</summary>
public static class LogSegmentSelector
{
    public static bool HasCompleteCheckpoint(IReadOnlyList<LogFile> files) => CompleteCheckpoints(files, long.MaxValue).Any();

    /// <summary>The version of the newest complete checkpoint at or below <paramref name="maxVersion"/>, or null.</summary>
    public static long? NewestCompleteCheckpoint(IReadOnlyList<LogFile> files, long maxVersion) =>
        CompleteCheckpoints(files, maxVersion).Select(c => (long?)c[0].Version).Max();

    public static LogSegment Select(IReadOnlyList<LogFile> files, long? version, Uri table)
    {
        var commits = files.Where(f => f.Kind == LogFileKind.Commit).ToDictionary(f => f.Version);
        var checkpoints = CompleteCheckpoints(files, long.MaxValue).ToList();
        if (commits.Count == 0 && checkpoints.Count == 0)
        {
            throw new DeltaTableNotFoundException(table);
        }

        var latest = Math.Max(commits.Count == 0 ? -1 : commits.Keys.Max(), checkpoints.Count == 0 ? -1 : checkpoints.Max(c => c[0].Version));
        var target = version ?? latest;
        if (target > latest || target < 0)
        {
            throw new DeltaVersionNotFoundException(table, target, "the latest version is " + latest);
        }

        var checkpoint = checkpoints.Where(c => c[0].Version <= target).MaxBy(c => c[0].Version);
        var first = checkpoint is null ? 0 : checkpoint[0].Version + 1;
        return new LogSegment(target, checkpoint?[0].Version, checkpoint ?? [], ContiguousCommits(commits, first, target, checkpoint is null, table));
    }

    private static List<LogFile> ContiguousCommits(Dictionary<long, LogFile> commits, long first, long target, bool fromScratch, Uri table)
    {
        var result = new List<LogFile>();
        for (var v = first; v <= target; v++)
        {
            if (!commits.TryGetValue(v, out var commit))
            {
                throw fromScratch && commits.Count > 0 && commits.Keys.Min() > v
                    ? new DeltaVersionNotFoundException(table, target, "commits before " + commits.Keys.Min() + " were cleaned up and no checkpoint at or below " + target + " exists")
                    : new DeltaLogCorruptException(
                        "Expected commit " + LogFile.CommitKey(v) + " in " + table + " to replay up to version " + target
                        + ", but it is missing (a gap in the log). Restore the file from a backup; readers cannot skip a version.")
                        .With("DeltaVersion", v);
            }

            result.Add(commit);
        }

        return result;
    }

    /// <summary>Complete checkpoints at or below a version, each as its file list: classic, UUID-named, or all parts of a multi-part.</summary>
    private static IEnumerable<List<LogFile>> CompleteCheckpoints(IReadOnlyList<LogFile> files, long maxVersion)
    {
        foreach (var group in files.Where(f => f.Kind != LogFileKind.Commit && f.Version <= maxVersion).GroupBy(f => f.Version))
        {
            var single = group.FirstOrDefault(f => f.Kind == LogFileKind.UuidCheckpoint)
                ?? group.FirstOrDefault(f => f.Kind == LogFileKind.ClassicCheckpoint);
            if (single is not null)
            {
                yield return [single];
                continue;
            }

            var multi = group.Where(f => f.Kind == LogFileKind.MultiPartCheckpoint).GroupBy(f => f.Parts)
                .FirstOrDefault(p => p.Select(f => f.Part).Distinct().Count() == p.Key);
            if (multi is not null)
            {
                yield return multi.OrderBy(f => f.Part).ToList();
            }
        }
    }
}
