using System.Globalization;
using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Errors;
using ClickBatch.Parquet;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Landing;

/// <summary>
/// One Delta table a topic lands in (the table or its rejects table), with the Kafka offsets its log holds.
/// Every commit reads the snapshot of this run's previous commit (or the one the run started from, or last acquired
/// partitions at), never the latest: a concurrent writer's commit in between must surface as a conflict, not be
/// silently read past. The run owns some Kafka partitions of the table (all, a shard, or the group's assignment):
/// their txns are this run's alone, while other tasks of the job may commit the others (docs/scale-out.md).
/// </summary>
internal sealed class TableTarget
{
    private readonly DeltaTable _table;
    private readonly Func<int, string> _appId;
    private readonly Dictionary<int, long> _offsets;
    private readonly List<long> _versions = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string?>> _touched = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _owned;
    private readonly TableDefinition _definition;
    private Snapshot _readSnapshot;

    private TableTarget(
        DeltaTable table, TableDefinition definition, Snapshot snapshot, Func<int, string> appId, Dictionary<int, long> offsets, IEnumerable<int> owned)
    {
        _table = table;
        _definition = definition;
        _owned = [.. owned];
        _readSnapshot = snapshot;
        _appId = appId;
        _offsets = offsets;
    }

    public Uri Uri => _table.Log.Table;

    public IObjectStore Store => _table.Log.Store;

    /// <summary>Next offset to read per Kafka partition, as the table's txn actions say.</summary>
    public IReadOnlyDictionary<int, long> Offsets => _offsets;

    /// <summary>The snapshot of this run's last commit (or the one it started from).</summary>
    public Snapshot Snapshot => _readSnapshot;

    /// <summary>The table's name: the last segment of its location (clicks, clicks_rejects).</summary>
    public string Name => Uri.AbsolutePath.TrimEnd('/').Split('/')[^1];

    /// <summary>The Kafka partitions whose txns this run holds now.</summary>
    public IReadOnlyCollection<int> Owned => _owned;

    /// <summary>Versions committed by this run.</summary>
    public IReadOnlyList<long> Versions => _versions;

    /// <summary>The partition values of every file this run committed, each partition once (one empty map when unpartitioned).</summary>
    public IReadOnlyCollection<IReadOnlyDictionary<string, string?>> TouchedPartitions => _touched.Values;

    /// <summary>
    /// Opens the table for this run (creating it when <paramref name="inspected"/> is null and it does not exist) after
    /// the guards of <see cref="InspectAsync"/>; its stored offsets are this job's txn versions.
    /// </summary>
    /// <param name="inspected">The snapshot <see cref="InspectAsync"/> read, or null to create the table if it does not exist.</param>
    /// <param name="store">The table's object store.</param>
    /// <param name="definition">Schema, partitioning and properties the table is created with and must match.</param>
    /// <param name="options">Writer options of this run.</param>
    /// <param name="appId">The txn appId of a partition.</param>
    /// <param name="owned">The Kafka partitions this run holds from the start (none under group assignment: see <see cref="AcquireAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<TableTarget> OpenAsync(
        IObjectStore store, TableDefinition definition, DeltaWriterOptions options, Func<int, string> appId,
        IEnumerable<int> owned, Snapshot? inspected, CancellationToken cancellationToken)
    {
        var table = new DeltaTable(store, options);
        var snapshot = inspected is null ? await table.CreateIfNotExistsAsync(definition, cancellationToken) : table.Log.Remember(inspected);
        var offsets = Guard(snapshot, definition, appId);
        if (SchemaEvolution.Widen(snapshot, definition) is { } widened)
        {
            snapshot = await EvolveAsync(table, snapshot, widened, cancellationToken);
        }

        return new TableTarget(table, definition, snapshot, appId, offsets, owned);
    }

    /// <summary>
    /// Commits the widened schema (a metaData action, PROTOCOL.md "Change Metadata") before anything is written with it.
    /// Another task of the job that evolved the table the same way first is no conflict: its schema is the one wanted.
    /// </summary>
    private static async Task<Snapshot> EvolveAsync(DeltaTable table, Snapshot snapshot, StructType widened, CancellationToken cancellationToken)
    {
        var transaction = table.StartTransaction(snapshot, "ADD COLUMNS");
        transaction.UpdateMetadata(snapshot.Metadata with { SchemaString = DeltaSchema.Serialize(widened) });
        try
        {
            var result = await transaction.CommitAsync(cancellationToken);
            return await table.Log.GetSnapshotAsync(result.Version, cancellationToken);
        }
        catch (DeltaConflictException)
        {
            var latest = await table.Log.GetSnapshotAsync(null, cancellationToken);
            if (latest.Schema.Equals(widened))
            {
                return latest;
            }

            throw;
        }
    }

    /// <summary>
    /// The run now holds <paramref name="partitions"/> too (the group assigned them): reads the latest snapshot, where
    /// the task that held them before committed what it read, and continues from there. The partitions it already held
    /// must still hold this run's offsets there; the latest snapshot becomes the one the next commit reads.
    /// </summary>
    public async Task AcquireAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken)
    {
        var latest = await _table.Log.GetSnapshotAsync(null, cancellationToken);
        var stored = Guard(latest, _definition, _appId);
        EnsureOwnedUnchanged(latest);
        foreach (var partition in partitions)
        {
            if (stored.TryGetValue(partition, out var next))
            {
                _offsets[partition] = next;
            }
            else
            {
                _offsets.Remove(partition);
            }

            _owned.Add(partition);
        }

        _readSnapshot = latest;
    }

    /// <summary>The latest snapshot when another writer committed after <paramref name="snapshot"/>, else null.</summary>
    public Task<Snapshot?> NewerSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken) =>
        _table.Log.NewerSnapshotAsync(snapshot, cancellationToken);

    /// <summary>The run no longer holds <paramref name="partitions"/> (the group revoked them after this run committed what it read).</summary>
    public void Release(IEnumerable<int> partitions) => _owned.ExceptWith(partitions);

    /// <summary>
    /// Reads an existing table and applies every guard <see cref="OpenAsync"/> applies, creating nothing; null when the
    /// table does not exist yet. A run inspects all its tables first, so a refusal leaves no new table behind, and
    /// opens them with the snapshots read here.
    /// </summary>
    public static async Task<Snapshot?> InspectAsync(
        IObjectStore store, TableDefinition definition, Func<int, string> appId, ILogger logger, CancellationToken cancellationToken)
    {
        var log = new DeltaLog(store, logger);
        if (!await log.ExistsAsync(cancellationToken))
        {
            return null;
        }

        var snapshot = await log.GetSnapshotAsync(null, cancellationToken);
        Guard(snapshot, definition, appId);
        return snapshot;
    }

    /// <summary>Everything that stops a run from writing the table; this job's stored offsets when nothing does.</summary>
    private static Dictionary<int, long> Guard(Snapshot snapshot, TableDefinition definition, Func<int, string> appId)
    {
        DeltaWriteSupport.EnsureCanWrite(snapshot.Table, snapshot.Protocol, snapshot.Metadata);
        SchemaEvolution.Widen(snapshot, definition);
        EnsureTxnsNeverExpire(snapshot);
        var offsets = StoredOffsets(snapshot, appId);
        StoredOffsetsCheck.Ensure(snapshot, offsets, appId);
        return offsets;
    }

    /// <summary>
    /// With delta.setTransactionRetentionDuration another engine's checkpoint drops txns not updated within it; an idle
    /// partition's stored offset would vanish and the next run would read it again from --starting-offsets.
    /// </summary>
    private static void EnsureTxnsNeverExpire(Snapshot snapshot)
    {
        if (snapshot.GetConfiguration("delta.setTransactionRetentionDuration") is { } retention)
        {
            throw new ConfigurationException("table " + snapshot.Table + " sets delta.setTransactionRetentionDuration=" + retention
                + ": engines that honour it expire the txn actions holding the Kafka offsets of idle partitions, and the next run would "
                + "land those partitions again. Unset the property (ALTER TABLE ... UNSET TBLPROPERTIES) before running ClickBatch on it.");
        }
    }

    /// <summary>
    /// This job's stored offset of every partition of the topic the table has one for, also partitions the topic no
    /// longer has (the planner refuses those: a recreated topic). Refuses a table holding the same topic's offsets
    /// under another job id: two jobs on one table would each land every record.
    /// </summary>
    private static Dictionary<int, long> StoredOffsets(Snapshot snapshot, Func<int, string> appId)
    {
        // appId(p) is "<job>/<topic>/<p>"; job ids and Kafka topic names hold no '/'.
        var mine = appId(0).Split('/');
        var offsets = new Dictionary<int, long>();
        var others = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (id, next) in snapshot.AppTransactions)
        {
            var parts = id.Split('/');
            if (parts.Length != 3 || parts[1] != mine[1] || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var partition))
            {
                continue;
            }

            if (parts[0] == mine[0])
            {
                offsets[partition] = next;
            }
            else
            {
                others.Add(parts[0]);
            }
        }

        if (others.Count > 0)
        {
            throw new ConfigurationException("table " + snapshot.Table + " holds the Kafka offsets of topic '" + mine[1] + "' for job id "
                + string.Join(", ", others.Select(o => "'" + o + "'")) + ", but this run is job '" + mine[0] + "'. A second job on one table "
                + "would land every record again. Run with --job-id " + others.First() + ", or land this job into a new table (--lake or Topics[].Table).");
        }

        return offsets;
    }

    /// <summary>
    /// Uploads the files and commits them with the txn of every partition that moved past the table's offset,
    /// atomically. Returns the version, or null when there was nothing to commit.
    /// </summary>
    public async Task<long?> CommitAsync(
        IReadOnlyList<ClosedDataFile> files, IReadOnlyDictionary<int, long> positions, CancellationToken cancellationToken)
    {
        var advanced = positions.Where(p => p.Value > _offsets.GetValueOrDefault(p.Key, long.MinValue)).ToList();
        if (files.Count == 0 && advanced.Count == 0)
        {
            return null;
        }

        await UploadAsync(files, cancellationToken);
        var transaction = _table.StartTransaction(_readSnapshot, "STREAMING UPDATE");
        transaction.OperationParameters["mode"] = "Append";
        transaction.OperationParameters["outputMode"] = "Append";
        var now = _table.Options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var file in files)
        {
            transaction.Add(ToAdd(file, now));
        }

        foreach (var (partition, next) in advanced)
        {
            transaction.SetTransaction(_appId(partition), next);
        }

        var result = await transaction.CommitAsync(cancellationToken);
        _readSnapshot = await _table.Log.GetSnapshotAsync(result.Version, cancellationToken);
        if (result.ManifestsStale)
        {
            // The commit stands; the touched partitions' manifests did not follow. Rebuild them all from the newest
            // snapshot now (other tasks may have committed since), so Spectrum never reads a manifest that misses committed files.
            await ManifestWriter.RebuildAsync(Store, await NewerSnapshotAsync(_readSnapshot, cancellationToken) ?? _readSnapshot,
                _table.Options.Logger, cancellationToken);
        }

        advanced.ForEach(p => _offsets[p.Key] = p.Value);
        _versions.Add(result.Version);
        Touch(files);
        EnsureOwnedUnchanged(_readSnapshot);
        return result.Version;
    }

    /// <summary>
    /// A commit rebased over another writer's commit passes the Delta conflict check when that commit touched only other
    /// txns (other tasks of the job commit their own partitions). But if it touched a partition this run holds and did
    /// not commit in this chunk, the next commit of it, read from this snapshot, would land its records twice: every
    /// txn of a partition this run holds must still be this run's.
    /// </summary>
    private void EnsureOwnedUnchanged(Snapshot snapshot)
    {
        foreach (var partition in _owned)
        {
            var stored = snapshot.GetTransactionVersion(_appId(partition));
            long? ours = _offsets.TryGetValue(partition, out var offset) ? offset : null;
            if (stored != ours)
            {
                throw new ConcurrentWriterException(Uri, snapshot.Version, _appId(partition), stored, ours);
            }
        }
    }

    private void Touch(IReadOnlyList<ClosedDataFile> files)
    {
        foreach (var file in files)
        {
            _touched.TryAdd(PartitionPath.Build(_readSnapshot.PartitionColumns, file.PartitionValues), file.PartitionValues);
        }
    }

    private async Task UploadAsync(IReadOnlyList<ClosedDataFile> files, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(files, parallel, async (file, ct) =>
        {
            await Store.PutFileAsync(file.RelativePath, file.LocalPath, ct);
            File.Delete(file.LocalPath);
        });
    }

    internal static AddFile ToAdd(ClosedDataFile file, long now) => new()
    {
        Path = file.DeltaPath,
        PartitionValues = file.PartitionValues,
        Size = file.SizeBytes,
        ModificationTime = now,
        DataChange = true,
        Stats = file.StatsJson,
        Tags = new Dictionary<string, string?>(StringComparer.Ordinal) { [KafkaOffsetsTag.Name] = KafkaOffsetsTag.Format(file.KafkaOffsets) },
    };
}
