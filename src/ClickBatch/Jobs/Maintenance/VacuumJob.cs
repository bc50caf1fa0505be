using ClickBatch.Delta;
using ClickBatch.Delta.Checkpoints;
using ClickBatch.Delta.Maintenance;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Maintenance;

/// <summary>
/// <c>clickbatch vacuum</c>: deletes data files under the table root that the current snapshot and the live manifests
/// do not reference and that are older than the retention, then runs <see cref="LogCleaner"/>. A removed file's age
/// counts from the later of its last modification and its remove action, so a file superseded yesterday is kept for
/// the whole retention (time travel and readers of the previous version). Files uploaded by a run that never
/// committed age from their upload.
/// </summary>
public sealed class VacuumJob(Func<string, IObjectStore> openStore, TimeProvider clock, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<VacuumJob>();

    public async Task<IReadOnlyList<VacuumResult>> ExecuteAsync(VacuumOptions options, CancellationToken cancellationToken)
    {
        var results = new List<VacuumResult>();
        foreach (var table in options.Tables)
        {
            results.Add(await VacuumTableAsync(table, options, cancellationToken));
        }

        return results;
    }

    private async Task<VacuumResult> VacuumTableAsync(string name, VacuumOptions options, CancellationToken cancellationToken)
    {
        var store = openStore(options.LakeUri.TrimEnd('/') + "/" + name);
        var log = new DeltaLog(store);
        if (!await log.ExistsAsync(cancellationToken))
        {
            return new VacuumResult(name, [], 0, 0, "no Delta table at " + store.RootUri);
        }

        var snapshot = await log.GetSnapshotAsync(null, cancellationToken);
        // PROTOCOL.md "VACUUM Protocol Check": a writer checks the table's write protocol before vacuuming; a table
        // with features ClickBatch does not honour (deletion vectors, whose files live beside the data) is refused.
        DeltaWriteSupport.EnsureCanWrite(snapshot.Table, snapshot.Protocol, snapshot.Metadata);
        var doomed = await FindExpiredAsync(store, snapshot, options, cancellationToken);
        if (options.DryRun)
        {
            return new VacuumResult(name, doomed.Select(i => i.Key).ToList(), doomed.Sum(i => i.Size), 0, null);
        }

        foreach (var info in doomed)
        {
            await store.DeleteAsync(info.Key, cancellationToken);
        }

        var logFiles = await LogCleaner.CleanupAsync(store, snapshot, clock, _logger, cancellationToken);
        MaintenanceLog.Vacuumed(_logger, name, doomed.Count, doomed.Sum(i => i.Size), options.Retention.TotalHours);
        return new VacuumResult(name, doomed.Select(i => i.Key).ToList(), doomed.Sum(i => i.Size), logFiles, null);
    }

    private async Task<List<ObjectInfo>> FindExpiredAsync(IObjectStore store, Snapshot snapshot, VacuumOptions options, CancellationToken cancellationToken)
    {
        var keep = await ProtectedFiles.LoadAsync(store, snapshot, cancellationToken);
        var removedAt = snapshot.Tombstones
            .GroupBy(t => DataFilePath.ToKey(store.RootUri, t.Path), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => DateTimeOffset.FromUnixTimeMilliseconds(g.Max(t => t.DeletionTimestamp ?? 0)), StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var cutoff = now - options.Retention;
        // A tombstone "should remain ... until it has expired" (PROTOCOL.md "Add File and Remove File"): readers of the
        // table's retention window may still open it. Files no commit ever referenced (a crashed run's) are not
        // tombstones and go after --retain.
        var tombstoneRetention = CheckpointPolicy.TombstoneRetention(snapshot.Metadata);
        var removedCutoff = options.Force || tombstoneRetention <= options.Retention ? cutoff : now - tombstoneRetention;
        var doomed = new List<ObjectInfo>();
        await foreach (var info in store.ListAsync(string.Empty, null, cancellationToken))
        {
            var wasRemoved = removedAt.TryGetValue(info.Key, out var removed);
            var age = wasRemoved && removed > info.LastModified ? removed : info.LastModified;
            if (!keep.Contains(info.Key) && age < (wasRemoved ? removedCutoff : cutoff))
            {
                doomed.Add(info);
            }
        }

        return doomed;
    }
}
