using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;

namespace ClickBatch.Landing;

/// <summary>
/// Issue 13 item 7, the one place of the rule: files are committed with the txn that covers them, so for every active
/// file tagged <see cref="KafkaOffsetsTag.Name"/> and every Kafka partition p:min-max in the tag, the job's txn
/// for p is greater than max. Files of backfill and optimize carry the tag too and never move txns; their offsets lie
/// below the txn, so the rule holds for them. A txn missing for a partition that tagged files hold is a contradiction
/// too: it is exactly a commit file that lost its txn lines, and the run would start the partition again.
/// Checked once per run open, from the snapshot the run reads anyway (no extra I/O; one pass over the active files).
/// Untagged files (other writers) and tags that cannot be parsed vouch for nothing and are skipped.
/// </summary>
internal static class StoredOffsetsCheck
{
    /// <param name="snapshot">The table as the run opens it.</param>
    /// <param name="offsets">This job's stored offsets (txn versions) per partition of the table's topic.</param>
    /// <param name="appId">The txn appId of a partition, for the message.</param>
    public static void Ensure(Snapshot snapshot, IReadOnlyDictionary<int, long> offsets, Func<int, string> appId)
    {
        foreach (var (partition, (max, file)) in HighestTaggedOffsets(snapshot.ActiveFiles))
        {
            long? stored = offsets.TryGetValue(partition, out var next) ? next : null;
            if (stored is null || stored <= max)
            {
                throw new OffsetsContradictionException(snapshot.Table, snapshot.Version, partition, appId(partition), stored, max,
                    file.Path, snapshot.AddedInVersion(file));
            }
        }
    }

    /// <summary>Per Kafka partition, the highest offset any tagged file holds, and that file.</summary>
    private static SortedDictionary<int, (long Max, AddFile File)> HighestTaggedOffsets(IReadOnlyList<AddFile> files)
    {
        var highest = new SortedDictionary<int, (long Max, AddFile File)>();
        foreach (var file in files)
        {
            if (!KafkaOffsetsTag.TryParse(file.Tags?.GetValueOrDefault(KafkaOffsetsTag.Name), out var entries))
            {
                continue;
            }

            foreach (var (partition, _, max) in entries)
            {
                if (!highest.TryGetValue(partition, out var current) || max > current.Max)
                {
                    highest[partition] = (max, file);
                }
            }
        }

        return highest;
    }
}
