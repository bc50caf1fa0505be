using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Jobs.Maintenance;

/// <summary>
/// Issue 6 "optimize": small files of real runs (one commit every 100 records) compacted; DuckDB compares every row
/// before and after, the Delta log must keep its txn offsets, and a second optimize must change nothing.
/// </summary>
public sealed class OptimizeJobTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task ExecuteAsync_ManySmallFiles_PreservesRowMultisetAndTxnOffsets()
    {
        using var harness = await SmallFilesAsync();
        var table = harness.TableOf(harness.Clicks);
        var rowsBefore = await TableRows.OfActiveFilesAsync(table);
        var before = await SnapshotAsync(table);

        var results = await Job(ObjectStoreFactory.Create).ExecuteAsync(Options(harness), CancellationToken.None);

        var after = await SnapshotAsync(table);
        results.Single().DeltaVersion.ShouldBe(before.Version + 1);
        after.ActiveFiles.Count.ShouldBeLessThan(before.ActiveFiles.Count);
        (await TableRows.OfActiveFilesAsync(table)).ShouldBe(rowsBefore);
        after.AppTransactions.ShouldBe(before.AppTransactions);
        after.ActiveFiles.Sum(f => FileStatistics.Parse(f.Stats!)!.NumRecords).ShouldBe(rowsBefore.Count);
        var commit = await new DeltaLog(ObjectStoreFactory.Create(table)).ReadCommitAsync(after.Version, CancellationToken.None);
        commit.Single(a => a.CommitInfo is not null).CommitInfo!.Operation.ShouldBe("OPTIMIZE");
        commit.Where(a => a.Add is not null).ShouldAllBe(a => !a.Add!.DataChange);
        commit.Where(a => a.Remove is not null).ShouldAllBe(a => !a.Remove!.DataChange);
        commit.ShouldNotContain(a => a.Txn != null);
        (await TableRows.OfManifestsAsync(table)).ShouldBe(rowsBefore);
    }

    [Fact]
    public async Task ExecuteAsync_SecondRun_CommitsNothing()
    {
        using var harness = await SmallFilesAsync();
        var table = harness.TableOf(harness.Clicks);
        await Job(ObjectStoreFactory.Create).ExecuteAsync(Options(harness), CancellationToken.None);
        var version = (await SnapshotAsync(table)).Version;

        var second = await Job(ObjectStoreFactory.Create).ExecuteAsync(Options(harness), CancellationToken.None);

        second.Single().DeltaVersion.ShouldBeNull();
        second.Single().Partitions.ShouldBeEmpty();
        (await SnapshotAsync(table)).Version.ShouldBe(version);
    }

    [Fact]
    public async Task ExecuteAsync_DryRun_WritesNothing()
    {
        using var harness = await SmallFilesAsync();
        var table = harness.TableOf(harness.Clicks);
        var before = await SnapshotAsync(table);

        var results = await Job(ObjectStoreFactory.Create).ExecuteAsync(Options(harness) with { DryRun = true }, CancellationToken.None);

        results.Single().Partitions.Sum(p => p.FilesRemoved).ShouldBeGreaterThan(1);
        (await SnapshotAsync(table)).Version.ShouldBe(before.Version);
        // Data files only: a run of ten commits also leaves _delta_log/00000000000000000010.checkpoint.parquet.
        Directory.EnumerateFiles(table, "*.parquet", SearchOption.AllDirectories)
            .Count(f => !f.Contains(Path.DirectorySeparatorChar + "_delta_log" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ShouldBe(before.ActiveFiles.Count);
    }

    [Fact]
    public async Task ExecuteAsync_PartitionNamingAnotherColumn_RefusedBeforeTouchingAnyTable()
    {
        using var harness = await SmallFilesAsync();
        var table = harness.TableOf(harness.Clicks);
        var before = await SnapshotAsync(table);

        var error = await Should.ThrowAsync<ClickBatch.Errors.ConfigurationException>(() =>
            Job(ObjectStoreFactory.Create).ExecuteAsync(Options(harness) with { Partition = "date=2026-11-22" }, CancellationToken.None));

        error.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Usage);
        error.Message.ShouldContain("is partitioned by [dt], but --partition date=2026-11-22 names [date]");
        (await SnapshotAsync(table)).Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task ExecuteAsync_ConcurrentAppend_RebasesAndKeepsTheAppendedFile()
    {
        using var harness = await SmallFilesAsync();
        var table = harness.TableOf(harness.Clicks);
        var rowsBefore = await TableRows.OfActiveFilesAsync(table);
        var appended = string.Empty;
        var racing = (Func<string, IObjectStore>)(uri => new BeforeCommitStore(ObjectStoreFactory.Create(uri), async () => appended = await AppendCopyAsync(uri)));

        var results = await Job(racing).ExecuteAsync(Options(harness), CancellationToken.None);

        var after = await SnapshotAsync(table);
        results.Single().DeltaVersion.ShouldBe(after.Version);
        (await OperationAsync(table, after.Version - 1)).ShouldBe("WRITE");
        (await OperationAsync(table, after.Version)).ShouldBe("OPTIMIZE");
        after.ActiveFiles.Select(f => f.Path).ShouldContain(appended);
        (await TableRows.OfActiveFilesAsync(table)).Count.ShouldBeGreaterThan(rowsBefore.Count);
    }

    /// <summary>Another writer appends a copy of one active file while optimize is about to commit.</summary>
    private static async Task<string> AppendCopyAsync(string tableUri)
    {
        var store = ObjectStoreFactory.Create(tableUri);
        var table = new DeltaTable(store, new DeltaWriterOptions());
        var snapshot = await table.Log.GetSnapshotAsync(null, CancellationToken.None);
        var source = snapshot.ActiveFiles[0];
        var key = Path.GetDirectoryName(UriPath.Unescape(source.Path))!.Replace('\\', '/') + "/part-concurrent.zstd.parquet";
        await store.PutAsync(key, await store.ReadAllBytesAsync(UriPath.Unescape(source.Path), CancellationToken.None), CancellationToken.None);
        var transaction = table.StartTransaction(snapshot, "WRITE");
        transaction.Add(source with { Path = UriPath.Escape(key), DataChange = true });
        await transaction.CommitAsync(CancellationToken.None);
        return UriPath.Escape(key);
    }

    private async Task<RunHarness> SmallFilesAsync()
    {
        var harness = new RunHarness(kafka, partitions: 2);
        await harness.ProduceAsync(clicks: 800);
        var small = harness.Settings(commitEveryRecords: 100);
        (await harness.RunAsync(small with { Source = small.Source with { MaxChunkRecords = 100 } })).ExitCode.ShouldBe(0);
        return harness;
    }

    private static OptimizeOptions Options(RunHarness harness) => new()
    {
        LakeUri = harness.Lake,
        Tables = [harness.Clicks],
        StagingDirectory = Path.Combine(Path.GetTempPath(), "optimize-it-" + Guid.NewGuid().ToString("N")),
    };

    private static OptimizeJob Job(Func<string, IObjectStore> stores) =>
        new(stores, glue: null, TimeProvider.System, NullLoggerFactory.Instance);

    private static async Task<string?> OperationAsync(string tableUri, long version) =>
        (await new DeltaLog(ObjectStoreFactory.Create(tableUri)).ReadCommitAsync(version, CancellationToken.None))
            .Single(a => a.CommitInfo is not null).CommitInfo!.Operation;

    internal static Task<Snapshot> SnapshotAsync(string tableUri) =>
        new DeltaLog(ObjectStoreFactory.Create(tableUri)).GetSnapshotAsync(null, CancellationToken.None);
}
