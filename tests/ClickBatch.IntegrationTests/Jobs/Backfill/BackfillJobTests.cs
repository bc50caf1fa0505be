using System.Globalization;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Backfill;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Jobs.Backfill;

/// <summary>
/// Issue 6 "backfill" on lakes real runs wrote (one commit per 100 records, so a range spans and cuts many files):
/// DuckDB compares the data columns of every row (without the per-run _run_id and _ingested_at) before and after,
/// and the (partition, offset) of every row of both tables against Kafka's own watermarks.
/// </summary>
public sealed class BackfillJobTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task ExecuteAsync_OverALoadedRange_LeavesExactlyOneCopyOfEachRecordAndTheTxnOffsets()
    {
        using var harness = await LandedAsync();
        var (table, rejects) = (harness.TableOf(harness.Clicks), harness.RejectsOf(harness.Clicks));
        var (dataBefore, rejectsBefore) = (await TableRows.DataOfActiveFilesAsync(table), await TableRows.DataOfActiveFilesAsync(rejects));
        var (txnBefore, rejectsTxnBefore) = ((await SnapshotAsync(table)).AppTransactions, (await SnapshotAsync(rejects)).AppTransactions);
        var to = Math.Min(await StoredAsync(harness, 0), await StoredAsync(harness, 1)) - 10;
        (await LakeReader.KafkaOffsetsAsync(rejects)).Count(o => o.Offset >= 10 && o.Offset < to).ShouldBeGreaterThan(0);

        var first = await BackfillAsync(harness, 10, to);
        var dataAfterFirst = await TableRows.DataOfActiveFilesAsync(table);
        var second = await BackfillAsync(harness, 10, to);

        first.Data.FilesRemoved.ShouldBeGreaterThan(0);
        first.Data.FilesRewritten.ShouldBeGreaterThan(0);
        first.Data.RowsAdded.ShouldBe(first.Data.RowsRemoved);
        first.Rejects.RowsAdded.ShouldBe(first.Rejects.RowsRemoved);
        first.Rejects.RowsAdded.ShouldBeGreaterThan(0);
        first.Partitions.Sum(p => p.Records).ShouldBe(first.Data.RowsAdded + first.Rejects.RowsAdded);
        dataAfterFirst.ShouldBe(dataBefore);
        second.Data.DeltaVersion.ShouldBe(first.Data.DeltaVersion + 1);
        (await TableRows.DataOfActiveFilesAsync(table)).ShouldBe(dataBefore);
        (await TableRows.DataOfActiveFilesAsync(rejects)).ShouldBe(rejectsBefore);
        await ShouldHoldEachKafkaOffsetOnceAsync(harness);
        (await SnapshotAsync(table)).AppTransactions.ShouldBe(txnBefore);
        (await SnapshotAsync(rejects)).AppTransactions.ShouldBe(rejectsTxnBefore);
        (await TableRows.OfManifestsAsync(table)).Count.ShouldBe(dataBefore.Count);
        var commit = await CommitAsync(table, first.Data.DeltaVersion!.Value);
        commit.ShouldNotContain(a => a.Txn != null);
        var info = commit.Single(a => a.CommitInfo is not null).CommitInfo!;
        info.Operation.ShouldBe("WRITE");
        info.OperationParameters!["mode"].GetString().ShouldBe("Overwrite");
        info.OperationParameters["predicate"].GetString().ShouldBe(
            Invariant($"_kafka_partition = 0 AND _kafka_offset >= 10 AND _kafka_offset < {to} OR _kafka_partition = 1 AND _kafka_offset >= 10 AND _kafka_offset < {to}"));
    }

    [Fact]
    public async Task ExecuteAsync_AfterADtPartitionsFilesWereRemoved_RestoresExactlyThoseRows()
    {
        using var harness = await LandedAsync();
        var table = harness.TableOf(harness.Clicks);
        var dataBefore = await TableRows.DataOfActiveFilesAsync(table);
        var removed = await RemoveLargestDtPartitionAsync(table);
        (await TableRows.DataOfActiveFilesAsync(table)).Count.ShouldBe(dataBefore.Count - (int)removed);

        foreach (var partition in new[] { 0, 1 })
        {
            await BackfillAsync(harness, 0, await StoredAsync(harness, partition), [partition]);
        }

        removed.ShouldBeGreaterThan(0);
        (await TableRows.DataOfActiveFilesAsync(table)).ShouldBe(dataBefore);
        await ShouldHoldEachKafkaOffsetOnceAsync(harness);
    }

    [Fact]
    public async Task ExecuteAsync_RangeCutsAFileInHalf_KeepsTheOutsideRowsOnceWithRightTagsAndStats()
    {
        using var harness = await LandedAsync();
        var table = harness.TableOf(harness.Clicks);
        var dataBefore = await TableRows.DataOfActiveFilesAsync(table);
        var (min, max) = (await SnapshotAsync(table)).ActiveFiles.Select(f => TagRange(f, 0)).Where(r => r is not null)
            .Select(r => r!.Value).First(r => r.Max - r.Min >= 20);

        // Cut at the middle, to past its last offset: the rewritten file's tag must shrink to the half it keeps.
        var result = await BackfillAsync(harness, (min + max) / 2, max + 1, [0]);

        result.Data.FilesRewritten.ShouldBeGreaterThanOrEqualTo(1);
        (await TableRows.DataOfActiveFilesAsync(table)).ShouldBe(dataBefore);
        await ShouldHoldEachKafkaOffsetOnceAsync(harness);
        var adds = (await CommitAsync(table, result.Data.DeltaVersion!.Value)).Where(a => a.Add is not null).Select(a => a.Add!).ToList();
        adds.Count.ShouldBe(result.Data.FilesRewritten + result.Data.FilesAdded);
        foreach (var add in adds)
        {
            await ShouldDescribeItsRowsAsync(table, add);
        }
    }

    [Fact]
    public async Task ExecuteAsync_FilesWithoutTheOffsetsTag_AreInspectedAndOnlyThoseHoldingTheRangeChange()
    {
        using var harness = await LandedAsync();
        var table = harness.TableOf(harness.Clicks);
        var dataBefore = await TableRows.DataOfActiveFilesAsync(table);
        var (min, max) = (await SnapshotAsync(table)).ActiveFiles.Select(f => TagRange(f, 0)).Where(r => r is not null)
            .Select(r => r!.Value).First(r => r.Max - r.Min >= 20);
        var untagged = await StripTagsAsync(table);

        var result = await BackfillAsync(harness, min + 5, max - 5, [0]);

        var kept = (await SnapshotAsync(table)).ActiveFiles.Select(f => f.Path).Intersect(untagged).Count();
        result.Data.FilesRewritten.ShouldBeGreaterThanOrEqualTo(1);
        kept.ShouldBeGreaterThan(0, "files without rows of the range are left untouched");
        (kept + result.Data.FilesRewritten + result.Data.FilesRemoved).ShouldBe(untagged.Count);
        (await TableRows.DataOfActiveFilesAsync(table)).ShouldBe(dataBefore);
        await ShouldHoldEachKafkaOffsetOnceAsync(harness);
    }

    [Fact]
    public async Task ExecuteAsync_AnotherBackfillOfTheSameRangeCommitsFirst_ConflictsAndLeavesOneCopy()
    {
        using var harness = await LandedAsync();
        var table = harness.TableOf(harness.Clicks);
        var dataBefore = await TableRows.DataOfActiveFilesAsync(table);
        var to = await StoredAsync(harness, 0) - 10;
        var racing = (Func<string, IObjectStore>)(uri => uri == table
            ? new BeforeCommitStore(ObjectStoreFactory.Create(uri), () => BackfillAsync(harness, 10, to, [0]))
            : ObjectStoreFactory.Create(uri));

        await Should.ThrowAsync<DeltaConflictException>(() => BackfillAsync(harness, 10, to, [0], racing));

        (await TableRows.DataOfActiveFilesAsync(table)).ShouldBe(dataBefore);
        await ShouldHoldEachKafkaOffsetOnceAsync(harness);
    }

    [Fact]
    public async Task ExecuteAsync_TwoBackfillsOfADeletedRangeAtOnce_TheSecondConflictsInsteadOfAddingItAgain()
    {
        using var harness = await LandedAsync();
        var table = harness.TableOf(harness.Clicks);
        var dataBefore = await TableRows.DataOfActiveFilesAsync(table);
        await RemoveFilesAsync(table, _ => true);
        var stored = await StoredAsync(harness, 0);
        var racing = (Func<string, IObjectStore>)(uri => uri == table
            ? new BeforeCommitStore(ObjectStoreFactory.Create(uri), () => BackfillAsync(harness, 0, stored, [0]))
            : ObjectStoreFactory.Create(uri));

        // Neither removes a file (the table is empty), so only the backfill's own rule sees the other's rows of the range.
        var conflict = await Should.ThrowAsync<DeltaConflictException>(() => BackfillAsync(harness, 0, stored, [0], racing));
        await BackfillAsync(harness, 0, await StoredAsync(harness, 1), [1]);

        conflict.Message.ShouldContain("holding Kafka offsets of this backfill's range");
        (await TableRows.DataOfActiveFilesAsync(table)).ShouldBe(dataBefore);
        await ShouldHoldEachKafkaOffsetOnceAsync(harness);
    }

    [Fact]
    public async Task ExecuteAsync_AfterOptimizeMergedTheTags_StillLeavesExactlyOneCopy()
    {
        using var harness = await LandedAsync();
        var table = harness.TableOf(harness.Clicks);
        var dataBefore = await TableRows.DataOfActiveFilesAsync(table);
        var optimize = new OptimizeJob(ObjectStoreFactory.Create, glue: null, TimeProvider.System, NullLoggerFactory.Instance);
        var staging = Path.Combine(Path.GetTempPath(), "backfill-it-" + Guid.NewGuid().ToString("N"));
        var compacted = await optimize.ExecuteAsync(new OptimizeOptions { LakeUri = harness.Lake, Tables = [harness.Clicks], StagingDirectory = staging }, CancellationToken.None);
        compacted.Single().DeltaVersion.ShouldNotBeNull();

        var result = await BackfillAsync(harness, 30, await StoredAsync(harness, 1) - 30, [1]);

        result.Data.RowsAdded.ShouldBe(result.Data.RowsRemoved);
        (await TableRows.DataOfActiveFilesAsync(table)).ShouldBe(dataBefore);
        await ShouldHoldEachKafkaOffsetOnceAsync(harness);
    }

    internal static async Task<RunHarness> LandedAsync(LocalKafkaFixture kafka)
    {
        var harness = new RunHarness(kafka, partitions: 2);
        await harness.ProduceAsync(clicks: 600, malformedRatio: 0.05);
        var small = harness.Settings(commitEveryRecords: 100);
        (await harness.RunAsync(small with { Source = small.Source with { MaxChunkRecords = 100 } })).ExitCode.ShouldBe(0);
        return harness;
    }

    internal static async Task<long> StoredAsync(RunHarness harness, int partition) =>
        (await SnapshotAsync(harness.TableOf(harness.Clicks))).GetTransactionVersion("it/" + harness.Clicks + "/" + partition)!.Value;

    private Task<RunHarness> LandedAsync() => LandedAsync(kafka);

    private static async Task<BackfillResult> BackfillAsync(
        RunHarness harness, long from, long to, IReadOnlyList<int>? partitions = null, Func<string, IObjectStore>? stores = null)
    {
        var settings = harness.Settings();
        await using var source = ConfluentKafkaSource.Create(settings.Kafka, settings.Source, TimeProvider.System, NullLogger.Instance);
        var job = new BackfillJob(source, stores ?? ObjectStoreFactory.Create, null, TimeProvider.System, NullLoggerFactory.Instance);
        var plan = await job.PlanAsync(new BackfillOptions
        {
            Settings = settings,
            Topic = settings.Topics.Single(t => t.Topic == harness.Clicks),
            Partitions = partitions,
            From = new OffsetBound(from, null),
            To = new OffsetBound(to, null),
        }, CancellationToken.None);
        return await job.ExecuteAsync(plan, RunId.New(TimeProvider.System), CancellationToken.None);
    }

    private static async Task ShouldHoldEachKafkaOffsetOnceAsync(RunHarness harness)
    {
        var inLake = await harness.OffsetsInLakeAsync(harness.Clicks);
        inLake.Count.ShouldBe(inLake.Distinct().Count(), "a (partition, offset) is held twice");
        inLake.ToHashSet().SetEquals(harness.OffsetsInKafka(harness.Clicks)).ShouldBeTrue("the lake must hold every offset Kafka holds");
    }

    /// <summary>The tag and the stats of a file match its rows, read by DuckDB.</summary>
    private static async Task ShouldDescribeItsRowsAsync(string table, AddFile add)
    {
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        await using var command = duck.CreateCommand();
        command.CommandText = "SELECT _kafka_partition, min(_kafka_offset), max(_kafka_offset), count(*) FROM read_parquet('"
            + Path.Combine(table, UriPath.Unescape(add.Path)) + "') GROUP BY 1 ORDER BY 1";
        var ranges = new List<string>();
        var (rows, min, max) = (0L, long.MaxValue, long.MinValue);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ranges.Add(Invariant($"{reader.GetInt32(0)}:{reader.GetInt64(1)}-{reader.GetInt64(2)}"));
                (rows, min, max) = (rows + reader.GetInt64(3), Math.Min(min, reader.GetInt64(1)), Math.Max(max, reader.GetInt64(2)));
            }
        }

        add.Tags![KafkaOffsetsTag.Name].ShouldBe(string.Join(',', ranges));
        var stats = FileStatistics.Parse(add.Stats)!;
        stats.NumRecords.ShouldBe(rows);
        stats.MinValues!.Value.GetProperty("_kafka_offset").GetInt64().ShouldBe(min);
        stats.MaxValues!.Value.GetProperty("_kafka_offset").GetInt64().ShouldBe(max);
    }

    private static (long Min, long Max)? TagRange(AddFile file, int partition)
    {
        var entry = file.Tags?[KafkaOffsetsTag.Name]?.Split(',')
            .FirstOrDefault(e => e.StartsWith(partition.ToString(CultureInfo.InvariantCulture) + ":", StringComparison.Ordinal));
        if (entry is null)
        {
            return null;
        }

        var bounds = entry[(entry.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('-');
        return (long.Parse(bounds[0], CultureInfo.InvariantCulture), long.Parse(bounds[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Commits removes (dataChange=true) of every file of the dt partition with the most rows; returns the rows removed.</summary>
    private static async Task<long> RemoveLargestDtPartitionAsync(string tableUri)
    {
        var snapshot = await SnapshotAsync(tableUri);
        var dt = snapshot.ActiveFiles.GroupBy(f => f.PartitionValues["dt"])
            .OrderByDescending(g => g.Sum(f => FileStatistics.Parse(f.Stats)!.NumRecords)).First().Key;
        return await RemoveFilesAsync(tableUri, f => f.PartitionValues["dt"] == dt);
    }

    /// <summary>Commits removes (dataChange=true) of the active files <paramref name="which"/> selects; returns the rows removed.</summary>
    private static async Task<long> RemoveFilesAsync(string tableUri, Func<AddFile, bool> which)
    {
        var table = new DeltaTable(ObjectStoreFactory.Create(tableUri), new DeltaWriterOptions());
        var snapshot = await table.Log.GetSnapshotAsync(null, CancellationToken.None);
        var files = snapshot.ActiveFiles.Where(which).ToList();
        var transaction = table.StartTransaction(snapshot, "DELETE");
        files.ForEach(f => transaction.Remove(RemoveFile.For(f, 0)));
        await transaction.CommitAsync(CancellationToken.None);
        return files.Sum(f => FileStatistics.Parse(f.Stats)!.NumRecords!.Value);
    }

    /// <summary>Replaces every active file by a copy without tags, as a writer other than ClickBatch would add it; returns their paths.</summary>
    private static async Task<List<string>> StripTagsAsync(string tableUri)
    {
        var store = ObjectStoreFactory.Create(tableUri);
        var table = new DeltaTable(store, new DeltaWriterOptions());
        var snapshot = await table.Log.GetSnapshotAsync(null, CancellationToken.None);
        var transaction = table.StartTransaction(snapshot, "WRITE");
        var paths = new List<string>();
        foreach (var file in snapshot.ActiveFiles)
        {
            var key = UriPath.Unescape(file.Path);
            var copy = key[..(key.LastIndexOf('/') + 1)] + "foreign-" + Guid.NewGuid().ToString("N") + ".parquet";
            await store.PutAsync(copy, await store.ReadAllBytesAsync(key, CancellationToken.None), CancellationToken.None);
            transaction.Remove(RemoveFile.For(file, 0, dataChange: false));
            transaction.Add(file with { Path = UriPath.Escape(copy), Tags = null, DataChange = false });
            paths.Add(UriPath.Escape(copy));
        }

        await transaction.CommitAsync(CancellationToken.None);
        return paths;
    }

    private static Task<List<DeltaAction>> CommitAsync(string tableUri, long version) =>
        new DeltaLog(ObjectStoreFactory.Create(tableUri)).ReadCommitAsync(version, CancellationToken.None);

    internal static Task<Snapshot> SnapshotAsync(string tableUri) =>
        new DeltaLog(ObjectStoreFactory.Create(tableUri)).GetSnapshotAsync(null, CancellationToken.None);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
