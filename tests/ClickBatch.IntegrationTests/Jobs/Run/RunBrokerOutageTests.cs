using ClickBatch.Configuration;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Ledger;

namespace ClickBatch.IntegrationTests.Jobs.Run;

/// <summary>
/// Issue 13 "a broker taken down mid-drain": every broker of the local Kafka stops answering after the run's first
/// batch. A short outage is ridden out by the client's retries; a long one ends the run with exit 1 after the stall
/// timeout, with every commit whole, and the rerun lands each offset exactly once. Own fixture: the brokers go down.
/// </summary>
public sealed class RunBrokerOutageTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task Run_BrokersDownForAFewSecondsMidDrain_RetriesAndLandsEveryOffsetOnce()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 20_000);
        var settings = SmallPrefetch(harness.Settings(commitEveryRecords: 2_000), TimeSpan.FromMinutes(2));

        var report = await harness.RunAsync(settings, wrapSource: source => new OutageAfterFirstBatchSource(source, () =>
        {
            SetBrokers(up: false);
            _ = Task.Delay(TimeSpan.FromSeconds(4)).ContinueWith(_ => SetBrokers(up: true), TaskScheduler.Default);
        }));

        report.Status.ShouldBe(RunStatus.Succeeded, report.Error);
        await harness.ShouldHoldExactlyOnceAsync();
    }

    [Fact]
    public async Task Run_BrokersStayDownMidDrain_FailsCleanlyAfterTheStallTimeoutAndTheRerunCompletes()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 20_000);
        var settings = SmallPrefetch(harness.Settings(commitEveryRecords: 2_000), TimeSpan.FromSeconds(6));
        RunReport failed;
        try
        {
            failed = await harness.RunAsync(settings, wrapSource: source => new OutageAfterFirstBatchSource(source, () => SetBrokers(up: false)));
        }
        finally
        {
            SetBrokers(up: true);
        }

        failed.Status.ShouldBe(RunStatus.Failed);
        failed.ExitCode.ShouldBe(1);
        failed.Error.ShouldNotBeNull().ShouldContain("No progress reading Kafka");
        // Per topic: a (partition, offset) pair of clicks and one of checkouts are different records.
        var clicks = await harness.OffsetsInLakeAsync(harness.Clicks);
        var checkouts = await harness.OffsetsInLakeAsync(harness.Checkouts);
        clicks.Count.ShouldBe(clicks.Distinct().Count(), "no click landed twice by the failed run");
        checkouts.Count.ShouldBe(checkouts.Distinct().Count(), "no checkout landed twice by the failed run");
        var landed = clicks.Concat(checkouts).ToList();
        landed.Count.ShouldBeLessThan(harness.OffsetsInKafka(harness.Clicks).Count + harness.OffsetsInKafka(harness.Checkouts).Count,
            "the outage should have stopped the run before the end");

        var rerun = await harness.RunAsync(settings);

        rerun.Status.ShouldBe(RunStatus.Succeeded, rerun.Error);
        await harness.ShouldHoldExactlyOnceAsync();
    }

    /// <summary>A 1 MiB prefetch (librdkafka's minimum), so most of the backlog still has to be fetched when the brokers go down.</summary>
    private static RunSettings SmallPrefetch(RunSettings settings, TimeSpan stallTimeout) => settings with
    {
        Source = settings.Source with { QueuedMaxKilobytes = 1024, FetchMaxBytes = 1_000_000, StallTimeout = stallTimeout },
    };

    private void SetBrokers(bool up)
    {
        for (var broker = 1; broker <= kafka.Cluster.Brokers; broker++)
        {
            if (up)
            {
                kafka.Cluster.SetBrokerUp(broker);
            }
            else
            {
                kafka.Cluster.SetBrokerDown(broker);
            }
        }
    }
}
