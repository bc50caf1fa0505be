using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Checkpoints;
using ClickBatch.Delta.Log;
using ClickBatch.Errors;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Delta.Snapshots;

/// <summary>The transaction log of one table (the store is rooted at the table): snapshots and raw commits.</summary>
public sealed class DeltaLog
{
    private readonly ILogger _logger;
    private readonly string? _scratchRoot;
    private readonly Lock _newestLock = new();
    private CachedCheckpoint? _lastCheckpoint;
    private Snapshot? _newest;

    /// <param name="store">The table's object store.</param>
    /// <param name="logger">Receives the warning when a damaged checkpoint is skipped (event 3101).</param>
    /// <param name="scratchRoot">Where checkpoint Parquet is copied for DuckDB; default <see cref="ScratchDirectory.DefaultRoot"/>.</param>
    public DeltaLog(IObjectStore store, ILogger? logger = null, string? scratchRoot = null)
    {
        Store = store;
        _logger = logger ?? NullLogger.Instance;
        _scratchRoot = scratchRoot;
    }

    public IObjectStore Store { get; }

    public Uri Table => Store.RootUri;

    /// <summary>
    /// The snapshot at <paramref name="version"/>, or at the latest version when null. A damaged checkpoint is skipped
    /// with a warning for an older one or the JSON commits, as PROTOCOL.md lets a reader; when neither remains the
    /// <see cref="DeltaLogCorruptException"/> names the damaged file.
    /// <para>
    /// The newest snapshot this log read (or was given with <see cref="Remember"/>) is kept: a later version is that
    /// snapshot plus the commits after it (issue 15: a writer reads the snapshot after each of its commits, and reading the
    /// checkpoint and listing the whole log each time made a run's cost grow with the table). When one of those commits is
    /// missing or damaged, the log is read from its checkpoint as usual (<see cref="TryAdvanceAsync"/>).
    /// </para>
    /// </summary>
    public async Task<Snapshot> GetSnapshotAsync(long? version, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _newest) is { } newest && (version is null || version >= newest.Version))
        {
            if (version == newest.Version)
            {
                return newest;
            }

            if (await TryAdvanceAsync(newest, version, cancellationToken) is { } advanced)
            {
                return Remember(advanced);
            }
        }

        return Remember(await ReadSnapshotAsync(version, cancellationToken));
    }

    /// <summary>
    /// Keeps <paramref name="snapshot"/> (of this log's table) as the base later snapshots are replayed from, unless a
    /// newer one is kept already; returns it. Snapshots are immutable and a version's content never changes.
    /// </summary>
    public Snapshot Remember(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Table != Table)
        {
            throw new ArgumentException("snapshot of " + snapshot.Table + " given to the log of " + Table, nameof(snapshot));
        }

        lock (_newestLock)
        {
            if (_newest is null || snapshot.Version > _newest.Version)
            {
                Volatile.Write(ref _newest, snapshot);
            }
        }

        return snapshot;
    }

    /// <summary>
    /// <paramref name="from"/> plus the commits after it up to <paramref name="version"/>, or null when one of them is not
    /// there (a gap, cleaned up) or damaged: then the caller reads the log from its checkpoint. A given version needs no
    /// listing (a writer after its own commit); the latest (null) is the last of an unbroken run of commits the listing
    /// shows.
    /// </summary>
    private async Task<Snapshot?> TryAdvanceAsync(Snapshot from, long? version, CancellationToken cancellationToken)
    {
        var target = version ?? await LatestAfterAsync(from.Version, cancellationToken);
        if (target is not { } last)
        {
            return null;
        }

        var replay = LogReplay.From(from);
        for (var commit = from.Version + 1; commit <= last; commit++)
        {
            try
            {
                replay.Apply(await ReadCommitAsync(commit, cancellationToken), commit);
            }
            catch (Exception ex) when (ex is ObjectNotFoundException or DeltaLogCorruptException)
            {
                // A missing or damaged commit a newer checkpoint may cover: the usual read decides (and names it if needed).
                return null;
            }
        }

        return replay.ToSnapshot(Table, last, from.CheckpointVersion);
    }

    /// <summary>The newest commit after <paramref name="version"/> when the listing holds every one before it, else null.</summary>
    private async Task<long?> LatestAfterAsync(long version, CancellationToken cancellationToken)
    {
        var commits = (await LogSegmentBuilder.ListAsync(Store, LogFile.CommitKey(version), cancellationToken))
            .Where(f => f.Kind == LogFileKind.Commit && f.Version > version).Select(f => f.Version).Order().ToList();
        return commits.Count == 0 ? version : commits[^1] == version + commits.Count ? commits[^1] : null;
    }

    private async Task<Snapshot> ReadSnapshotAsync(long? version, CancellationToken cancellationToken)
    {
        var segment = await LogSegmentBuilder.BuildAsync(Store, version, cancellationToken);
        List<LogFile>? listing = null;
        while (segment.CheckpointFiles.Count > 0)
        {
            try
            {
                return await ReplayAsync(segment, await ReadCheckpointAsync(segment, cancellationToken), cancellationToken);
            }
            catch (DeltaLogCorruptException ex) when (IsCheckpointDamage(ex, segment))
            {
                // The hint may have narrowed the first listing; a fallback needs all of the log.
                listing ??= await LogSegmentBuilder.ListAsync(Store, null, cancellationToken);
                segment = FallBack(listing, segment, ex);
            }
        }

        return await ReplayAsync(segment, null, cancellationToken);
    }

    /// <summary>The snapshot at a version replayed from JSON commits alone (no checkpoint), for verification.</summary>
    public async Task<Snapshot> GetSnapshotFromCommitsAsync(long? version, CancellationToken cancellationToken)
    {
        var files = await LogSegmentBuilder.ListAsync(Store, null, cancellationToken);
        var segment = LogSegmentSelector.Select(files.Where(f => f.Kind == LogFileKind.Commit).ToList(), version, Table);
        return await ReplayAsync(segment, null, cancellationToken);
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

    /// <summary>The actions of one commit file; a damaged or empty one is a <see cref="DeltaLogCorruptException"/> naming file and version.</summary>
    public async Task<List<DeltaAction>> ReadCommitAsync(long version, CancellationToken cancellationToken)
    {
        var key = LogFile.CommitKey(version);
        var bytes = await Store.ReadAllBytesAsync(key, cancellationToken);
        List<DeltaAction> actions;
        try
        {
            actions = DeltaActionSerializer.ParseLines(bytes, key);
        }
        catch (DeltaLogCorruptException ex)
        {
            ex.With("Table", Table.ToString()).With("DeltaVersion", version);
            throw;
        }

        // Every writer puts at least one action in a commit, and commits appear whole (put-if-absent): no lines is damage.
        return actions.Count > 0 ? actions : throw new DeltaLogCorruptException(
            "Expected commit " + key + " of " + Table + " (version " + version + ") to hold at least one action, but it holds none ("
            + bytes.Length + " bytes): the file was truncated. Restore it from a backup or an earlier object version.")
            .With("Table", Table.ToString()).With("File", key).With("DeltaVersion", version);
    }

    /// <summary>
    /// The latest snapshot when a commit came after <paramref name="snapshot"/> (another writer's), else null: one listing
    /// of the log after its version. Catalog and manifest writers use it to catch up with the newest version.
    /// </summary>
    public async Task<Snapshot?> NewerSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var latest = (await LogSegmentBuilder.ListAsync(Store, LogFile.CommitKey(snapshot.Version), cancellationToken))
            .Where(f => f.Kind == LogFileKind.Commit && f.Version > snapshot.Version).Select(f => f.Version).DefaultIfEmpty(-1).Max();
        return latest < 0 ? null : await GetSnapshotAsync(latest, cancellationToken);
    }

    /// <summary>
    /// The actions of the segment's checkpoint, read once per checkpoint: checkpoint files are never rewritten with other
    /// content (PROTOCOL.md), so a writer that loads the snapshot after each of its commits reads the same checkpoint only
    /// once until the next one is written (issue 15: each read started a DuckDB instance and parsed every active file).
    /// Keyed by the parts' names and sizes; only the last one read is kept.
    /// </summary>
    private async Task<List<DeltaAction>> ReadCheckpointAsync(LogSegment segment, CancellationToken cancellationToken)
    {
        var id = string.Join('|', segment.CheckpointFiles.Select(f => f.Key + ":" + f.Size));
        if (Volatile.Read(ref _lastCheckpoint) is { } cached && string.Equals(cached.Id, id, StringComparison.Ordinal))
        {
            return cached.Actions;
        }

        var actions = await CheckpointReader.ReadAsync(Store, segment.CheckpointFiles, _scratchRoot, cancellationToken);
        Volatile.Write(ref _lastCheckpoint, new CachedCheckpoint(id, actions));
        return actions;
    }

    private sealed record CachedCheckpoint(string Id, List<DeltaAction> Actions);

    /// <summary>Damage of the checkpoint files themselves (or their sidecars), not of a commit replayed after it.</summary>
    private static bool IsCheckpointDamage(DeltaLogCorruptException ex, LogSegment segment) =>
        ex.Facts.TryGetValue("File", out var fact) && fact is string file
        && (segment.CheckpointFiles.Any(f => f.Key == file) || file.StartsWith(CheckpointReader.SidecarPrefix, StringComparison.Ordinal));

    private LogSegment FallBack(List<LogFile> listing, LogSegment damaged, DeltaLogCorruptException damage)
    {
        var file = (string)damage.Facts["File"]!;
        var damagedKeys = damaged.CheckpointFiles.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        listing.RemoveAll(f => damagedKeys.Contains(f.Key));
        LogSegment next;
        try
        {
            next = LogSegmentSelector.Select(listing, damaged.Version, Table);
        }
        catch (ClickBatchException ex) when (ex is DeltaVersionNotFoundException or DeltaLogCorruptException or DeltaTableNotFoundException)
        {
            throw new DeltaLogCorruptException(
                "Expected to read version " + damaged.Version + " of " + Table + " from checkpoint " + damaged.CheckpointFiles[0].Key
                + ", but " + file + " is damaged: " + damage.Message + " No older checkpoint or complete run of JSON commits can replace it ("
                + ex.Message + "). Restore " + file + " from a backup or an earlier object version (the lake bucket is versioned).", damage)
                .With("Table", Table.ToString()).With("File", file).With("DeltaVersion", damaged.CheckpointVersion);
        }

        DeltaReadMessages.CheckpointDamaged(_logger, damage, file, Table.ToString(), damaged.Version,
            next.CheckpointVersion is { } older ? "checkpoint " + older : "the JSON commits from version 0");
        return next;
    }

    private async Task<Snapshot> ReplayAsync(LogSegment segment, List<DeltaAction>? checkpoint, CancellationToken cancellationToken)
    {
        var replay = new LogReplay();
        if (checkpoint is not null)
        {
            replay.Apply(checkpoint, null);
        }

        foreach (var commit in segment.Commits)
        {
            replay.Apply(await ReadCommitAsync(commit.Version, cancellationToken), commit.Version);
        }

        return replay.ToSnapshot(Table, segment.Version, segment.CheckpointVersion);
    }
}
