using ClickBatch.Delta.Snapshots;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.IntegrationTests.Jobs.Maintenance;

/// <summary>
/// Issue 6 "vacuum": after optimize only the superseded files go, and only once older than the retention (fake
/// clock ahead of the real file times); orphans of a crashed run go too; DuckDB still reads every row through the
/// manifests. Expected sets come from the Delta snapshots and the folder listing, never from vacuum's output.
/// </summary>
public sealed class VacuumJobTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task ExecuteAsync_AfterOptimize_RemovesOnlySupersededFilesOnceOlderThanRetention()
    {
        using var harness = new RunHarness(kafka, partitions: 2);
        await harness.ProduceAsync(clicks: 800);
        var small = harness.Settings(commitEveryRecords: 100);
        (await harness.RunAsync(small with { Source = small.Source with { MaxChunkRecords = 100 } })).ExitCode.ShouldBe(0);
        var table = harness.TableOf(harness.Clicks);
        var rows = await TableRows.OfActiveFilesAsync(table);
        var before = await ActiveKeysAsync(table);
        await new OptimizeJob(ObjectStoreFactory.Create, null, TimeProvider.System, NullLoggerFactory.Instance)
            .ExecuteAsync(new OptimizeOptions { LakeUri = harness.Lake, Tables = [harness.Clicks] }, CancellationToken.None);
        var after = await ActiveKeysAsync(table);
        var superseded = before.Except(after).ToHashSet();
        superseded.Count.ShouldBeGreaterThan(1);

        var early = await VacuumAsync(harness, harness.Clicks, TimeSpan.FromDays(1));
        early.Single().Deleted.ShouldBeEmpty();
        superseded.ShouldAllBe(key => File.Exists(Path.Combine(table, key)));

        var late = await VacuumAsync(harness, harness.Clicks, TimeSpan.FromDays(8));
        late.Single().Deleted.ToHashSet().SetEquals(superseded).ShouldBeTrue();
        superseded.ShouldAllBe(key => !File.Exists(Path.Combine(table, key)));
        after.ShouldAllBe(key => File.Exists(Path.Combine(table, key)));
        (await TableRows.OfManifestsAsync(table)).ShouldBe(rows);
        (await TableRows.OfActiveFilesAsync(table)).ShouldBe(rows);
    }

    [Fact]
    public async Task ExecuteAsync_StaleManifestListsSupersededFiles_KeepsThem()
    {
        using var harness = new RunHarness(kafka, partitions: 2);
        await harness.ProduceAsync(clicks: 500);
        var small = harness.Settings(commitEveryRecords: 100);
        (await harness.RunAsync(small with { Source = small.Source with { MaxChunkRecords = 100 } })).ExitCode.ShouldBe(0);
        var table = harness.TableOf(harness.Clicks);
        var manifests = Directory.EnumerateFiles(Path.Combine(table, "_symlink_format_manifest"), "manifest", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.ReadAllBytes);
        var before = await ActiveKeysAsync(table);
        await new OptimizeJob(ObjectStoreFactory.Create, null, TimeProvider.System, NullLoggerFactory.Instance)
            .ExecuteAsync(new OptimizeOptions { LakeUri = harness.Lake, Tables = [harness.Clicks] }, CancellationToken.None);
        var superseded = before.Except(await ActiveKeysAsync(table)).ToHashSet();
        superseded.ShouldNotBeEmpty();
        foreach (var (path, content) in manifests)
        {
            // A manifest the commit hook failed to replace: Spectrum still reads the pre-optimize files through it.
            File.WriteAllBytes(path, content);
        }

        var result = await VacuumAsync(harness, harness.Clicks, TimeSpan.FromDays(8));

        result.Single().Deleted.ShouldBeEmpty();
        superseded.ShouldAllBe(key => File.Exists(Path.Combine(table, key)));
    }

    [Fact]
    public async Task ExecuteAsync_OrphansOfACrashedRun_RemovedOnceOlderThanRetention()
    {
        using var harness = new RunHarness(kafka, partitions: 2);
        await harness.ProduceAsync(clicks: 500);
        var table = harness.TableOf(harness.Clicks);
        InjectedCrashException.ShouldHaveCrashed(await harness.RunAsync(harness.Settings(), CrashingOnCommit(table)));
        (await harness.RunAsync(harness.Settings())).ExitCode.ShouldBe(0);
        var rows = await TableRows.OfActiveFilesAsync(table);
        var orphans = DataFileKeys(table).Except(await ActiveKeysAsync(table)).ToHashSet();
        orphans.ShouldNotBeEmpty();

        var dryRun = await VacuumAsync(harness, harness.Clicks, TimeSpan.FromDays(8), dryRun: true);
        dryRun.Single().Deleted.ToHashSet().SetEquals(orphans).ShouldBeTrue();
        orphans.ShouldAllBe(key => File.Exists(Path.Combine(table, key)));

        var result = await VacuumAsync(harness, harness.Clicks, TimeSpan.FromDays(8));

        result.Single().Deleted.ToHashSet().SetEquals(orphans).ShouldBeTrue();
        DataFileKeys(table).ToHashSet().SetEquals(await ActiveKeysAsync(table)).ShouldBeTrue();
        (await TableRows.OfManifestsAsync(table)).ShouldBe(rows);
        Directory.Exists(Path.Combine(table, "_delta_log")).ShouldBeTrue();
    }

    private static Task<IReadOnlyList<VacuumResult>> VacuumAsync(RunHarness harness, string tableName, TimeSpan ahead, bool dryRun = false)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow() + ahead);
        return new VacuumJob(ObjectStoreFactory.Create, clock, NullLoggerFactory.Instance)
            .ExecuteAsync(new VacuumOptions { LakeUri = harness.Lake, Tables = [tableName], DryRun = dryRun }, CancellationToken.None);
    }

    private static Func<string, IObjectStore> CrashingOnCommit(string tableUri) => uri => uri == tableUri
        ? new FaultInjectingStore(ObjectStoreFactory.Create(uri), (op, key) => op == "put-if-absent"
            && key.StartsWith("_delta_log/", StringComparison.Ordinal) && !key.EndsWith("00000000000000000000.json", StringComparison.Ordinal), 2)
        : ObjectStoreFactory.Create(uri);

    private static async Task<HashSet<string>> ActiveKeysAsync(string tableUri)
    {
        var snapshot = await new DeltaLog(ObjectStoreFactory.Create(tableUri)).GetSnapshotAsync(null, CancellationToken.None);
        return snapshot.ActiveFiles.Select(f => UriPath.Unescape(f.Path)).ToHashSet();
    }

    private static IEnumerable<string> DataFileKeys(string tableUri) =>
        Directory.EnumerateFiles(tableUri, "*.parquet", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(tableUri, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(k => !k.StartsWith('_'));
}
