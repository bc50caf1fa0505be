using System.Text;
using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Inspection;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Tests.Support;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using ParquetFileReader = ParquetSharp.ParquetFileReader;

namespace ClickBatch.Tests.Delta.Writing;

public class CheckpointWriterTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task CommitAsync_TwentyFiveCommits_CheckpointsAtTenAndTwentyAndDescribesLikeJsonReplay()
    {
        using var t = await TableWithCommitsAsync(24);

        var keys = await t.Store.ListAsync("_delta_log/", null, Ct).Select(o => o.Key).ToListAsync();
        keys.Where(k => k.Contains(".checkpoint.", StringComparison.Ordinal)).ShouldBe(
            [LogFile.ClassicCheckpointKey(10), LogFile.ClassicCheckpointKey(20)]);
        var lastBytes = await t.Store.ReadAllBytesAsync(LastCheckpoint.Key, Ct);
        LastCheckpointChecksum.IsValid(lastBytes).ShouldBeTrue();
        Encoding.UTF8.GetString(lastBytes).ShouldContain("\"checksum\":");
        var last = LastCheckpoint.TryParse(lastBytes)!;
        last.Version.ShouldBe(20);
        last.NumOfAddFiles.ShouldBe(20);
        last.Size.ShouldBe(2 + 1 + 20);
        last.SizeInBytes.ShouldBe((await t.Store.HeadAsync(LogFile.ClassicCheckpointKey(20), Ct))!.Size);

        foreach (long? version in new long?[] { null, 10, 15, 20 })
        {
            var fromCheckpoint = await new DeltaLog(t.Store).GetSnapshotAsync(version, Ct);
            var fromJson = await t.Table.Log.GetSnapshotFromCommitsAsync(version, Ct);
            fromCheckpoint.CheckpointVersion.ShouldBe(version is null ? 20 : version == 15 ? 10 : version);
            TableDescriber.Describe(fromCheckpoint).ToJson().ShouldBe(TableDescriber.Describe(fromJson).ToJson());
            Json(fromCheckpoint.ActiveFiles).ShouldBe(Json(fromJson.ActiveFiles));
            Json(fromCheckpoint.Metadata).ShouldBe(Json(fromJson.Metadata));
            fromCheckpoint.Transactions.ShouldBe(fromJson.Transactions);
        }
    }

    [Fact]
    public async Task Checkpoint_ReadWithDuckDbReadParquet_HasTheSnapshotsAddRowsAndPaths()
    {
        using var t = await TableWithCommitsAsync(12);
        var snapshot = await t.SnapshotAsync(10);
        var file = Path.Combine(t.Path, LogFile.ClassicCheckpointKey(10));

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT add.path, add.stats, add.partitionValues['event_date'], txn.appId, txn.version, protocol.minWriterVersion, metaData.id, txn.lastUpdated "
            + "FROM read_parquet('" + file + "')";
        using var reader = command.ExecuteReader();
        var paths = new List<string>();
        var stats = new List<string>();
        var partitions = new List<string>();
        var txns = new Dictionary<string, long>();
        var txnUpdated = new Dictionary<string, long?>();
        string? tableId = null;
        while (reader.Read())
        {
            if (!reader.IsDBNull(0))
            {
                paths.Add(reader.GetString(0));
                stats.Add(reader.GetString(0) + " " + reader.GetString(1));
                partitions.Add(reader.GetString(0) + " " + reader.GetString(2));
            }

            if (!reader.IsDBNull(3)) { txns[reader.GetString(3)] = reader.GetInt64(4); }
            if (!reader.IsDBNull(3)) { txnUpdated[reader.GetString(3)] = reader.IsDBNull(7) ? null : reader.GetInt64(7); }
            if (!reader.IsDBNull(6)) { tableId = reader.GetString(6); }
        }

        paths.ShouldBe(snapshot.ActiveFiles.Select(f => f.Path), ignoreOrder: true);
        paths.Count.ShouldBe(10);
        stats.ShouldBe(snapshot.ActiveFiles.Select(f => f.Path + " " + f.Stats), ignoreOrder: true);
        partitions.ShouldBe(snapshot.ActiveFiles.Select(f => f.Path + " " + f.PartitionValues["event_date"]), ignoreOrder: true);
        txns.ShouldBe(new Dictionary<string, long> { ["clicks"] = 10 });
        // PROTOCOL.md "Checkpoints": the checkpoint holds the transaction identifiers whole, lastUpdated as the commit wrote it.
        var committed = (await t.Table.Log.GetSnapshotFromCommitsAsync(10, Ct)).Transactions["clicks"].LastUpdated;
        committed.ShouldNotBeNull();
        txnUpdated.ShouldBe(new Dictionary<string, long?> { ["clicks"] = committed });
        tableId.ShouldBe(DeltaTestTable.TableId.ToString());
    }

    [Fact]
    public async Task Checkpoint_ParquetSchema_HasProtocolColumnLayout()
    {
        using var t = await TableWithCommitsAsync(10);

        using var reader = new ParquetFileReader(Path.Combine(t.Path, LogFile.ClassicCheckpointKey(10)));
        var columns = Enumerable.Range(0, reader.FileMetaData.NumColumns).Select(i => reader.FileMetaData.Schema.Column(i).Path.ToDotString()).ToList();

        columns.ShouldContain("add.path");
        columns.ShouldContain("add.partitionValues.key_value.key");
        columns.ShouldContain("add.partitionValues.key_value.value");
        columns.ShouldContain("add.stats");
        columns.ShouldContain("add.deletionVector.cardinality");
        columns.ShouldContain("remove.deletionTimestamp");
        columns.ShouldContain("metaData.configuration.key_value.key");
        columns.ShouldContain("metaData.partitionColumns.list.element");
        columns.ShouldContain("protocol.minReaderVersion");
        columns.ShouldContain("txn.appId");
        columns.ShouldContain("domainMetadata.domain");
        reader.FileMetaData.NumRows.ShouldBe(2 + 1 + 10);
    }

    [Fact]
    public async Task Actions_ExpiredAndFreshTombstones_KeepsOnlyFreshOnesWithoutStats()
    {
        using var t = new DeltaTestTable();
        await t.CreateAsync();
        await t.AppendAsync(DeltaTestTable.Add("old.parquet"));
        await t.AppendAsync(DeltaTestTable.Add("new.parquet"));
        var now = t.Clock.GetUtcNow();
        var tx = t.Table.StartTransaction(await t.SnapshotAsync(), "DELETE");
        tx.Remove(new RemoveFile { Path = "old.parquet", DataChange = true, DeletionTimestamp = now.AddDays(-8).ToUnixTimeMilliseconds(), Stats = "{}" });
        tx.Remove(new RemoveFile { Path = "new.parquet", DataChange = true, DeletionTimestamp = now.AddDays(-6).ToUnixTimeMilliseconds(), Stats = "{}" });
        await tx.CommitAsync(Ct);

        var actions = CheckpointWriter.Actions(await t.SnapshotAsync(), now);

        actions.Where(a => a.Remove is not null).Select(a => (a.Remove!.Path, a.Remove.Stats, a.Remove.DataChange)).ShouldBe([("new.parquet", (string?)null, false)]);
    }

    [Fact]
    public async Task GetSnapshotAsync_StaleOrBogusLastCheckpoint_StillUsesNewestCheckpointByListing()
    {
        using var t = await TableWithCommitsAsync(21);

        await t.Store.PutAsync(LastCheckpoint.Key, Encoding.UTF8.GetBytes("""{"version":10,"size":13,"size_in_bytes":5}"""), Ct);
        (await t.SnapshotAsync()).CheckpointVersion.ShouldBe(20);
        LastCheckpoint.TryParse(await t.Store.ReadAllBytesAsync(LastCheckpoint.Key, Ct))!.EffectiveSizeInBytes.ShouldBe(5);

        await t.Store.PutAsync(LastCheckpoint.Key, Encoding.UTF8.GetBytes("""{"version":90,"size":1}"""), Ct);
        var snapshot = await t.SnapshotAsync();
        snapshot.CheckpointVersion.ShouldBe(20);
        snapshot.Version.ShouldBe(21);
    }

    [Fact]
    public async Task WriteAsync_CheckpointOfConformanceTable_IsReadBackToTheSameSnapshot()
    {
        var source = await new DeltaLog(ClickBatch.Storage.ObjectStoreFactory.Create(ConformanceTables.TablePath("dat-basic_partitioned"))).GetSnapshotAsync(null, Ct);
        using var dir = new TempDirectory();
        var store = new ClickBatch.Storage.LocalObjectStore(dir.Path);
        await store.PutAsync(LogFile.CommitKey(source.Version), Encoding.UTF8.GetBytes("{\"commitInfo\":{}}\n"), Ct);

        await CheckpointWriter.WriteAsync(store, source, TimeProvider.System, NullLogger.Instance, Ct);
        var back = await new DeltaLog(store).GetSnapshotAsync(null, Ct);

        back.CheckpointVersion.ShouldBe(source.Version);
        Json(back.ActiveFiles).ShouldBe(Json(source.ActiveFiles));
        back.ActiveFiles.Single(f => f.PartitionValues["letter"] is null).Path.ShouldContain("__HIVE_DEFAULT_PARTITION__");
        Json(back.Metadata).ShouldBe(Json(source.Metadata));
        back.Protocol.ShouldBe(source.Protocol);
    }

    // A checkpoint stores adds with dataChange=false, so compare files with that flag normalised.
    private static List<string> Json(IEnumerable<AddFile> files) =>
        files.Select(f => DeltaActionSerializer.SerializeLine(DeltaAction.Of(f with { DataChange = false }))).Order(StringComparer.Ordinal).ToList();

    private static string Json(MetadataAction metadata) => DeltaActionSerializer.SerializeLine(DeltaAction.Of(metadata));

    [Fact]
    public async Task GetSnapshotAsync_AgainAfterNewCommits_ReadsTheSameCheckpointOnceAndReplaysTheNewCommits()
    {
        using var t = await TableWithCommitsAsync(11);
        var store = new ReadCountingStore(t.Store);
        var log = new DeltaLog(store);

        var first = await log.GetSnapshotAsync(null, Ct);
        await t.AppendAsync(DeltaTestTable.Add("event_date=2026-11-01/late.parquet", rows: 5, eventDate: "2026-11-01"), "clicks", 99);
        var second = await log.GetSnapshotAsync(null, Ct);
        var atTen = await log.GetSnapshotAsync(10, Ct);

        first.CheckpointVersion.ShouldBe(10);
        second.Version.ShouldBe(first.Version + 1);
        second.ActiveFiles.Count.ShouldBe(first.ActiveFiles.Count + 1);
        second.GetTransactionVersion("clicks").ShouldBe(99);
        atTen.Version.ShouldBe(10);
        store.ReadsOf(LogFile.ClassicCheckpointKey(10)).ShouldBe(1);
        var fromJson = await log.GetSnapshotFromCommitsAsync(null, Ct);
        Json(second.ActiveFiles).ShouldBe(Json(fromJson.ActiveFiles));
    }

    [Fact]
    public async Task GetSnapshotAsync_AfterANewerCheckpoint_ANewLogReadsTheNewerOneAndAgreesWithJsonReplay()
    {
        using var t = await TableWithCommitsAsync(11);
        var store = new ReadCountingStore(t.Store);
        (await new DeltaLog(store).GetSnapshotAsync(null, Ct)).CheckpointVersion.ShouldBe(10);
        await AppendTenAsync(t);

        var log = new DeltaLog(store);
        var newer = await log.GetSnapshotAsync(null, Ct);
        var older = await log.GetSnapshotAsync(12, Ct);

        newer.CheckpointVersion.ShouldBe(20);
        Json(newer.ActiveFiles).ShouldBe(Json((await log.GetSnapshotFromCommitsAsync(null, Ct)).ActiveFiles));
        Json(older.ActiveFiles).ShouldBe(Json((await log.GetSnapshotFromCommitsAsync(12, Ct)).ActiveFiles));
        store.ReadsOf(LogFile.ClassicCheckpointKey(20)).ShouldBe(1);
        // Only the last checkpoint read is kept: going back to version 12 reads checkpoint 10 again.
        store.ReadsOf(LogFile.ClassicCheckpointKey(10)).ShouldBe(2);
    }

    /// <summary>
    /// Issue 15: a log that read a snapshot continues from it, reading only the commits after it (no checkpoint, not
    /// even a newer one), and lands on the same state as a replay of every JSON commit: files, removes, txns, schema.
    /// </summary>
    [Fact]
    public async Task GetSnapshotAsync_AfterMoreCommitsAndANewCheckpoint_ContinuesFromTheKeptSnapshotLikeJsonReplay()
    {
        using var t = await TableWithCommitsAsync(11);
        var store = new ReadCountingStore(t.Store);
        var log = new DeltaLog(store);
        var first = await log.GetSnapshotAsync(null, Ct);
        var gone = first.ActiveFiles[0];
        await AppendTenAsync(t);

        var remove = t.Table.StartTransaction(await t.SnapshotAsync(), "DELETE");
        remove.Remove(new RemoveFile { Path = gone.Path, DataChange = true, DeletionTimestamp = t.Clock.GetUtcNow().ToUnixTimeMilliseconds(), PartitionValues = gone.PartitionValues, Size = gone.Size });
        await remove.CommitAsync(Ct);
        var describe = t.Table.StartTransaction(await t.SnapshotAsync(), "SET TBLPROPERTIES");
        describe.UpdateMetadata(first.Metadata with { Description = "later" });
        await describe.CommitAsync(Ct);

        var latest = await log.GetSnapshotAsync(null, Ct);
        var atFifteen = await log.GetSnapshotAsync(15, Ct);
        var again = await log.GetSnapshotAsync(latest.Version, Ct);

        latest.Version.ShouldBe(23);
        latest.CheckpointVersion.ShouldBe(10);
        var fromJson = await log.GetSnapshotFromCommitsAsync(null, Ct);
        Json(latest.ActiveFiles).ShouldBe(Json(fromJson.ActiveFiles));
        latest.ActiveFiles.Select(f => f.Path).ShouldNotContain(gone.Path);
        latest.Tombstones.Select(r => r.Path).ShouldContain(gone.Path);
        latest.Transactions.ShouldBe(fromJson.Transactions);
        latest.Metadata.Description.ShouldBe("later");
        latest.AddedInVersion(latest.ActiveFiles.Single(f => f.Path.EndsWith("g21.parquet", StringComparison.Ordinal))).ShouldBe(21);
        latest.AddedInVersion(latest.ActiveFiles.Single(f => f.Path.EndsWith("/f11.parquet", StringComparison.Ordinal))).ShouldBe(11);
        latest.Commits.Select(c => c.Version).ShouldBe(Enumerable.Range(11, 13).Select(v => (long)v));
        again.ShouldBeSameAs(latest);
        Json(atFifteen.ActiveFiles).ShouldBe(Json((await log.GetSnapshotFromCommitsAsync(15, Ct)).ActiveFiles));
        store.ReadsOf(LogFile.ClassicCheckpointKey(20)).ShouldBe(0);
    }

    /// <summary>A gap after the kept snapshot is not replayed past: the log is read as usual, which names the missing commit.</summary>
    [Fact]
    public async Task GetSnapshotAsync_GapAfterTheKeptSnapshot_FailsNamingTheMissingCommit()
    {
        using var t = await TableWithCommitsAsync(12);
        var log = new DeltaLog(t.Store);
        await log.GetSnapshotAsync(11, Ct);
        await t.Store.DeleteAsync(LogFile.CommitKey(12), Ct);
        await t.Store.PutAsync(LogFile.CommitKey(13), "{\"commitInfo\":{}}\n"u8.ToArray(), Ct);

        var ex = await Should.ThrowAsync<DeltaLogCorruptException>(() => log.GetSnapshotAsync(null, Ct));

        ex.Message.ShouldContain(LogFile.CommitKey(12));
    }

    /// <summary>
    /// A damaged commit after the kept snapshot that a newer checkpoint covers does not fail the read: a fresh reader never
    /// parses it, so the log reads from that checkpoint instead of continuing (review finding of e47cf40).
    /// </summary>
    [Fact]
    public async Task GetSnapshotAsync_DamagedCommitAfterTheKeptSnapshotCoveredByACheckpoint_ReadsFromTheCheckpoint()
    {
        using var t = await TableWithCommitsAsync(21);
        var log = new DeltaLog(t.Store);
        await log.GetSnapshotAsync(11, Ct);
        var expected = await new DeltaLog(t.Store).GetSnapshotAsync(null, Ct);
        await t.Store.PutAsync(LogFile.CommitKey(12), "{\"add\":{\"path\":"u8.ToArray(), Ct);

        var latest = await log.GetSnapshotAsync(null, Ct);

        latest.Version.ShouldBe(21);
        latest.CheckpointVersion.ShouldBe(20);
        Json(latest.ActiveFiles).ShouldBe(Json(expected.ActiveFiles));
        latest.Transactions.ShouldBe(expected.Transactions);
    }

    /// <summary>Versions 12-21: one file g12..g21 each in 2026-11-02, txn "clicks" at the version (a checkpoint at 20).</summary>
    private static async Task AppendTenAsync(DeltaTestTable t)
    {
        for (var i = 12; i <= 21; i++)
        {
            await t.AppendAsync(DeltaTestTable.Add("event_date=2026-11-02/g" + i + ".parquet", rows: i, eventDate: "2026-11-02"), "clicks", i);
        }
    }

    private static async Task<DeltaTestTable> TableWithCommitsAsync(int appends)
    {
        var t = new DeltaTestTable(partitioned: true);
        await t.CreateAsync();
        for (var i = 1; i <= appends; i++)
        {
            await t.AppendAsync(DeltaTestTable.Add("event_date=2026-11-" + (i % 3 + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "/f" + i + ".parquet",
                rows: i, eventDate: "2026-11-" + (i % 3 + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)), "clicks", i);
        }

        return t;
    }
}
