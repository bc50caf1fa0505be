using System.Globalization;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Delta.Maintenance;

/// <summary>
/// PROTOCOL.md "Metadata Cleanup" with delta.logRetentionDuration (default 30 days): cutoff = midnight UTC of
/// (now - retention); the cutoff commit is the newest commit last modified before it; the newest complete checkpoint
/// at or below that commit is kept with everything after it. Older commits, checkpoints and .crc files are deleted.
/// Without such a checkpoint nothing is deleted, so whatever the latest checkpoint needs always stays.
/// </summary>
public static class LogCleaner
{
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    public static async Task<int> CleanupAsync(IObjectStore store, Snapshot snapshot, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var retention = DeltaInterval.ParseOrDefault(snapshot.GetConfiguration("delta.logRetentionDuration"), DefaultRetention);
        var cutoff = new DateTimeOffset((clock.GetUtcNow() - retention).UtcDateTime.Date, TimeSpan.Zero);
        var listing = await ListAsync(store, cancellationToken);
        var files = listing.Select(i => LogFile.TryParse(i.Key, i.Size)).OfType<LogFile>().ToList();
        var cutoffCommit = listing
            .Where(i => i.LastModified <= cutoff && LogFile.TryParse(i.Key, i.Size) is { Kind: LogFileKind.Commit })
            .Select(i => LogFile.TryParse(i.Key, i.Size)!.Version).DefaultIfEmpty(-1).Max();
        if (LogSegmentSelector.NewestCompleteCheckpoint(files, cutoffCommit) is not { } keep || keep == 0)
        {
            return 0;
        }

        var doomed = files.Where(f => f.Version < keep).Select(f => f.Key)
            .Concat(listing.Where(i => CrcVersion(i.Key) < keep).Select(i => i.Key)).ToList();
        foreach (var key in doomed)
        {
            await store.DeleteAsync(key, cancellationToken);
        }

        DeltaLogMessages.LogCleaned(logger, doomed.Count, snapshot.Table.ToString(), keep);
        return doomed.Count;
    }

    private static async Task<List<ObjectInfo>> ListAsync(IObjectStore store, CancellationToken cancellationToken)
    {
        var result = new List<ObjectInfo>();
        await foreach (var info in store.ListAsync(LogFile.LogPrefix, null, cancellationToken))
        {
            result.Add(info);
        }

        return result;
    }

    /// <summary>The version of a version checksum file <c>_delta_log/n.crc</c>, or long.MaxValue for other keys.</summary>
    private static long CrcVersion(string key)
    {
        var name = key[LogFile.LogPrefix.Length..];
        return name.Length == 24 && name.EndsWith(".crc", StringComparison.Ordinal)
            && long.TryParse(name[..20], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : long.MaxValue;
    }
}
