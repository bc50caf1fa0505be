using ClickBatch.IntegrationTests.Support;
using ClickBatch.Kafka;
using ClickBatch.Ledger;
using ClickBatch.Storage;

namespace ClickBatch.IntegrationTests.Jobs.Run;

/// <summary>
/// Issue 4 "Crash safety": a run stopped at any stage, then rerun, leaves every produced (partition, offset) in the
/// table or its rejects table exactly once. The truth is Kafka's watermarks; the lake is read by DuckDB.
/// </summary>
public sealed class RunExactlyOnceTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task Run_CleanRun_LandsEveryProducedOffsetOnce()
    {
        using var harness = new RunHarness(kafka);
        var generated = await harness.ProduceAsync(clicks: 1500);

        var report = await harness.RunAsync(harness.Settings());

        report.Status.ShouldBe(RunStatus.Succeeded);
        report.ExitCode.ShouldBe(0);
        report.Records.ShouldBe(generated.Records);
        (report.Rows + report.Rejects).ShouldBe(report.Records);
        await harness.ShouldHoldExactlyOnceAsync();
    }

    [Theory]
    // "commit" counts the table's commits after its creation; commit 1 records where each new partition starts.
    [InlineData("recording the partitions' starts, before anything is read", "clicks_rejects", "commit", 1, 2_000_000)]
    [InlineData("upload of the first data file", "clicks", "put-file", 1, 2_000_000)]
    [InlineData("files uploaded, before the table's commit", "clicks", "commit", 2, 2_000_000)]
    [InlineData("after the table's commit, before the rejects table's", "clicks_rejects", "commit", 2, 2_000_000)]
    [InlineData("third chunk commit of a multi-commit drain", "clicks", "commit", 4, 100)]
    [InlineData("rejects commit in the middle of a multi-commit drain", "checkouts_rejects", "commit", 3, 100)]
    public async Task Run_CrashAtStageThenRerun_EveryOffsetExactlyOnce(string stage, string table, string operation, int nth, long commitEvery)
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 1500);
        var small = harness.Settings(commitEveryRecords: commitEvery);
        var settings = small with { Source = small.Source with { MaxChunkRecords = (int)Math.Min(commitEvery, 500) } };
        var target = harness.Lake + "/" + table.Replace("clicks", harness.Clicks, StringComparison.Ordinal)
            .Replace("checkouts", harness.Checkouts, StringComparison.Ordinal);

        InjectedCrashException.ShouldHaveCrashed(await harness.RunAsync(settings, CrashingAt(target, operation, nth)));
        var rerun = await harness.RunAsync(settings);

        rerun.Status.ShouldBe(RunStatus.Succeeded, stage);
        await harness.ShouldHoldExactlyOnceAsync();
    }

    [Fact]
    public async Task Run_CrashBetweenTheTwoCommits_RerunSkipsWhatTheTableAlreadyHolds()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 1000);
        var settings = harness.Settings();

        // Commit 1 of a new table records where each partition starts (no data); commit 2 is the first chunk's.
        InjectedCrashException.ShouldHaveCrashed(await harness.RunAsync(settings, CrashingAt(harness.RejectsOf(harness.Clicks), "commit", 2)));
        var rerun = await harness.RunAsync(settings);

        var clicks = rerun.Topics.Single(t => t.Topic == harness.Clicks);
        clicks.Partitions.Sum(p => p.AlreadyLanded).ShouldBeGreaterThan(0);
        clicks.Partitions.Sum(p => p.Rows).ShouldBe(0);
        await harness.ShouldHoldExactlyOnceAsync();
    }

    [Fact]
    public async Task Run_CrashBeforeGroupOffsetCommit_RerunLandsNothingTwice()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 800);
        var settings = harness.Settings();

        InjectedCrashException.ShouldHaveCrashed(await harness.RunAsync(settings, wrapSource: source => new CrashOnGroupCommitSource(source)));
        var rerun = await harness.RunAsync(settings);

        rerun.Status.ShouldBe(RunStatus.Succeeded);
        rerun.Records.ShouldBe(0);
        await harness.ShouldHoldExactlyOnceAsync();
    }

    [Fact]
    public async Task Run_TwoRunsAtOnce_NeverDuplicate()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 2000);
        var settings = harness.Settings(commitEveryRecords: 250);
        var firstAtCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondPlanned = new TaskCompletionSource<IReadOnlyList<PartitionRange>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;

        // The first run's first data commit (to whichever table) waits until the second run has planned from the
        // tables as they are, so both runs hold the same ranges and really race (docs/exactly-once.md "Two runs at once").
        var first = harness.RunAsync(settings, uri => new BeforeCommitStore(ObjectStoreFactory.Create(uri), async () =>
        {
            if (Interlocked.Exchange(ref held, 1) == 0)
            {
                firstAtCommit.SetResult();
                await secondPlanned.Task;
            }
        }, skipTableCreation: true));
        await Task.WhenAny(firstAtCommit.Task, first).WaitAsync(TimeSpan.FromMinutes(2));
        firstAtCommit.Task.IsCompleted.ShouldBeTrue("the first run should reach its first commit");
        var second = harness.RunAsync(settings, wrapSource: source => new PlanRecordingSource(source, secondPlanned));
        _ = second.ContinueWith(_ => secondPlanned.TrySetResult([]), TaskScheduler.Default);

        var reports = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromMinutes(2));
        var final = await harness.RunAsync(settings);

        // The second run planned every produced offset, which the first run was about to commit too.
        var planned = (await secondPlanned.Task).Select(r => (r.Topic, Offsets: r.OffsetCount)).GroupBy(r => r.Topic)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Offsets));
        planned.ShouldBe(new[] { harness.Clicks, harness.Checkouts }.ToDictionary(t => t, t => (long)harness.OffsetsInKafka(t).Count), ignoreOrder: true);
        reports.ShouldAllBe(r => r.Status == RunStatus.Succeeded || r.Status == RunStatus.Conflict);
        reports.ShouldContain(r => r.Status == RunStatus.Conflict, "both runs planned the same offsets: at least one must lose");
        reports.Where(r => r.Status == RunStatus.Conflict).ShouldAllBe(r => r.ExitCode == 5);
        final.Status.ShouldBe(RunStatus.Succeeded);
        await harness.ShouldHoldExactlyOnceAsync();
    }

    [Fact]
    public async Task Run_CrashBeforeTheFirstRejectsChunkThenRetention_RerunReportsTheDataLossForTheRejects()
    {
        using var harness = new RunHarness(kafka, partitions: 1);
        await harness.ProduceAsync(clicks: 300);
        var settings = harness.Settings();
        // The table committed the whole first chunk; the rejects table only the partition's start (its commit 1).
        InjectedCrashException.ShouldHaveCrashed(await harness.RunAsync(settings, CrashingAt(harness.RejectsOf(harness.Clicks), "commit", 2)));
        kafka.Cluster.DeleteRecordsBefore(harness.Clicks, 0, 5);

        var rerun = await harness.RunAsync(settings);

        // The rejects of offsets 0-4 were never landed and Kafka no longer has them: that is data loss, not a silent skip.
        rerun.Status.ShouldBe(RunStatus.DataLoss);
        rerun.ExitCode.ShouldBe(3);
        rerun.Error.ShouldNotBeNull().ShouldContain($"topic '{harness.Clicks}' partition 0: offsets 0-4 (5 offsets)");
    }

    /// <summary>Crashes on the Nth call of an operation ("commit" = put-if-absent of a commit after version 0) on one table.</summary>
    private static Func<string, IObjectStore> CrashingAt(string tableUri, string operation, int nth) => uri =>
    {
        var store = ObjectStoreFactory.Create(uri);
        if (!string.Equals(uri, tableUri, StringComparison.Ordinal))
        {
            return store;
        }

        return new FaultInjectingStore(store, (op, key) => operation == "commit"
            ? op == "put-if-absent" && key.StartsWith("_delta_log/", StringComparison.Ordinal) && !key.EndsWith("00000000000000000000.json", StringComparison.Ordinal)
            : op == operation, nth);
    };
}
