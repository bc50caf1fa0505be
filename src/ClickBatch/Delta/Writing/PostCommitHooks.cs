using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Checkpoints;
using ClickBatch.Delta.Maintenance;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Snapshots;

namespace ClickBatch.Delta.Writing;

/// <summary>
/// After a successful commit: checkpoint every delta.checkpointInterval versions (then expired-log cleanup), and
/// regenerate Spectrum symlink manifests of touched partitions when delta.compatibility.symlinkFormatManifest.enabled.
/// Failures here are logged, not thrown: the commit stands. A failed checkpoint is covered by the next one; stale
/// manifests are reported in <see cref="CommitResult.ManifestsStale"/> so the caller can rebuild them.
/// </summary>
internal static class PostCommitHooks
{
    public const string ManifestProperty = "delta.compatibility.symlinkFormatManifest.enabled";

    public static async Task<(long? Checkpoint, bool ManifestsStale)> RunAsync(
        DeltaTable table, Snapshot readSnapshot, long version, IReadOnlyList<DeltaAction> actions, CancellationToken cancellationToken)
    {
        var metadata = actions.LastOrDefault(a => a.Metadata is not null)?.Metadata ?? readSnapshot.Metadata;
        var wantsCheckpoint = table.Options.WriteCheckpoints && version > 0 && version % CheckpointPolicy.Interval(metadata) == 0;
        var wantsManifests = IsTrue(metadata.Configuration.GetValueOrDefault(ManifestProperty));
        if (!wantsCheckpoint && !wantsManifests)
        {
            return (null, false);
        }

        var snapshot = await table.Log.GetSnapshotAsync(version, cancellationToken);
        var checkpoint = wantsCheckpoint ? await TryCheckpointAsync(table, snapshot, cancellationToken) : null;
        var manifestsStale = wantsManifests && !await TryUpdateManifestsAsync(table, snapshot, actions, cancellationToken);
        return (checkpoint, manifestsStale);
    }

    /// <summary>Most times the touched manifests are rewritten from a newer snapshot before they count as stale.</summary>
    internal const int MaxManifestRounds = 10;

    /// <summary>
    /// Writes the manifests of the partitions this commit touched, then checks the log: when another writer committed
    /// meanwhile, its manifest of a shared partition may have been overwritten by this older one, so they are written
    /// again from the newest snapshot, until no commit came in between (docs/scale-out.md, "Catalog"). Whoever writes a
    /// partition's manifest last saw no newer commit after writing it, so the manifest ends up matching the latest snapshot.
    /// </summary>
    private static async Task<bool> TryUpdateManifestsAsync(
        DeltaTable table, Snapshot snapshot, IReadOnlyList<DeltaAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            for (var round = 1; round <= MaxManifestRounds; round++)
            {
                await ManifestWriter.UpdateAsync(table.Log.Store, snapshot, actions, table.Options.Logger, cancellationToken);
                if (await table.Log.NewerSnapshotAsync(snapshot, cancellationToken) is not { } newer)
                {
                    return true;
                }

                snapshot = newer;
            }

            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DeltaLogMessages.ManifestsFailed(table.Options.Logger, ex, table.Log.Table.ToString(), snapshot.Version);
            return false;
        }
    }

    private static async Task<long?> TryCheckpointAsync(DeltaTable table, Snapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await CheckpointWriter.WriteAsync(table.Log.Store, snapshot, table.Options.Clock, table.Options.Logger, cancellationToken);
            if (table.Options.CleanupExpiredLogs)
            {
                await LogCleaner.CleanupAsync(table.Log.Store, snapshot, table.Options.Clock, table.Options.Logger, cancellationToken);
            }

            return snapshot.Version;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DeltaLogMessages.CheckpointFailed(table.Options.Logger, ex, table.Log.Table.ToString(), snapshot.Version);
            return null;
        }
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
