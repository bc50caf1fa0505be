using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Checkpoints;
using ClickBatch.Delta.Log;
using ClickBatch.Storage;

namespace ClickBatch.Delta;

/// <summary>The transaction log of one table (the store is rooted at the table): snapshots and raw commits.</summary>
public sealed class DeltaLog
{
    public DeltaLog(IObjectStore store)
    {
        Store = store;
    }

    public IObjectStore Store { get; }

    public Uri Table => Store.RootUri;

    /// <summary>The snapshot at <paramref name="version"/>, or at the latest version when null.</summary>
    public async Task<Snapshot> GetSnapshotAsync(long? version, CancellationToken cancellationToken)
    {
        var segment = await LogSegmentBuilder.BuildAsync(Store, version, cancellationToken);
        return await ReplayAsync(segment, cancellationToken);
    }

    /// <summary>The snapshot at a version replayed from JSON commits alone (no checkpoint), for verification.</summary>
    public async Task<Snapshot> GetSnapshotFromCommitsAsync(long? version, CancellationToken cancellationToken)
    {
        var files = await LogSegmentBuilder.ListAsync(Store, null, cancellationToken);
        var segment = LogSegmentSelector.Select(files.Where(f => f.Kind == LogFileKind.Commit).ToList(), version, Table);
        return await ReplayAsync(segment, cancellationToken);
    }

    /// <summary>True when the table has at least one commit or checkpoint.</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        await foreach (var info in Store.ListAsync(LogFile.LogPrefix, null, cancellationToken))
        {
            if (LogFile.TryParse(info.Key, info.Size) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The actions of one commit file.</summary>
    public async Task<List<DeltaAction>> ReadCommitAsync(long version, CancellationToken cancellationToken)
    {
        var key = LogFile.CommitKey(version);
        return DeltaActionSerializer.ParseLines(await Store.ReadAllBytesAsync(key, cancellationToken), key);
    }

    private async Task<Snapshot> ReplayAsync(LogSegment segment, CancellationToken cancellationToken)
    {
        var replay = new LogReplay();
        if (segment.CheckpointFiles.Count > 0)
        {
            replay.Apply(await CheckpointReader.ReadAsync(Store, segment.CheckpointFiles, cancellationToken), null);
        }

        foreach (var commit in segment.Commits)
        {
            replay.Apply(await ReadCommitAsync(commit.Version, cancellationToken), commit.Version);
        }

        return replay.ToSnapshot(Table, segment.Version, segment.CheckpointVersion);
    }
}
