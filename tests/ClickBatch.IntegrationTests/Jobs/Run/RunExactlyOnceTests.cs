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
        await ShouldHoldExactlyOnceAsync(harness);
    }

    [Theory]
    [InlineData("upload of the first data file", "clicks", "put-file", 1, 2_000_000)]
    [InlineData("files uploaded, before the table's commit", "clicks", "commit", 1, 2_000_000)]
    [InlineData("after the table's commit, before the rejects table's", "clicks_rejects", "commit", 1, 2_000_000)]
    [InlineData("third commit of a multi-commit drain", "clicks", "commit", 3, 100)]
    [InlineData("rejects commit in the middle of a multi-commit drain", "checkouts_rejects", "commit", 2, 100)]
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
        await ShouldHoldExactlyOnceAsync(harness);
    }

    [Fact]
    public async Task Run_CrashBetweenTheTwoCommits_RerunSkipsWhatTheTableAlreadyHolds()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 1000);
        var settings = harness.Settings();

        InjectedCrashException.ShouldHaveCrashed(await harness.RunAsync(settings, CrashingAt(harness.RejectsOf(harness.Clicks), "commit", 1)));
        var rerun = await harness.RunAsync(settings);

        var clicks = rerun.Topics.Single(t => t.Topic == harness.Clicks);
        clicks.Partitions.Sum(p => p.AlreadyLanded).ShouldBeGreaterThan(0);
        clicks.Partitions.Sum(p => p.Rows).ShouldBe(0);
        await ShouldHoldExactlyOnceAsync(harness);
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
        await ShouldHoldExactlyOnceAsync(harness);
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
        await ShouldHoldExactlyOnceAsync(harness);
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

    private static async Task ShouldHoldExactlyOnceAsync(RunHarness harness)
    {
        foreach (var topic in new[] { harness.Clicks, harness.Checkouts })
        {
            var landed = await harness.OffsetsInLakeAsync(topic);
            var produced = harness.OffsetsInKafka(topic);
            landed.Count.ShouldBe(landed.Distinct().Count(), $"{topic}: some offsets landed twice");
            landed.ToHashSet().SetEquals(produced).ShouldBeTrue(
                $"{topic}: {produced.Except(landed).Count()} produced offsets missing, {landed.ToHashSet().Except(produced).Count()} unexpected");
        }
    }
}
