using System.Runtime.CompilerServices;
using ClickBatch.Configuration;
using ClickBatch.Decoding;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Tests.Jobs.Run;

/// <summary>The run over a fake source: offset gaps, starting modes, best-effort group commits, graceful stop.</summary>
public sealed class RunJobTests : IDisposable
{
    private readonly RunTestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task ExecuteAsync_PartitionEndsInNonDataOffsets_StoresTheEndBoundAsNextOffset()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 4], end: 9);

        var report = await RunAsync(source);

        report.Status.ShouldBe(RunStatus.Succeeded);
        report.Records.ShouldBe(3);
        (await TxnAsync("clicks", 0)).ShouldBe(9);
        (await TxnAsync("clicks_rejects", 0)).ShouldBe(9);
        report.Topics.Single().Partitions.Single().CommittedOffset.ShouldBe(9);
    }

    [Fact]
    public async Task ExecuteAsync_SecondRunAfterGaps_ReadsNothingAndAssignsNothing()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 4], end: 9);
        await RunAsync(source);
        source.Assigned.Clear();

        var second = await RunAsync(source);

        second.Records.ShouldBe(0);
        source.Assigned.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_StartingOffsetsGroup_StartsWhereTheGroupCommitted()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 2, 3, 4, 5]);
        source.GroupOffsets["g"] = new() { [new KafkaPartition("clicks", 0)] = 4 };

        var report = await RunAsync(source, Settings() with { StartingOffsets = StartingOffsets.Group });

        report.Topics.Single().Partitions.Single().StartOffset.ShouldBe(4);
        report.Records.ShouldBe(2);
    }

    [Fact]
    public async Task ExecuteAsync_StartingOffsetsLatest_LandsNothingOnTheFirstRunButRecordsTheOffset()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 2]);

        var report = await RunAsync(source, Settings() with { StartingOffsets = StartingOffsets.Latest });

        report.Records.ShouldBe(0);
        report.Topics.Single().Partitions.Single().StartOffset.ShouldBe(3);
        (await TxnAsync("clicks", 0)).ShouldBe(3);
        (await TxnAsync("clicks_rejects", 0)).ShouldBe(3);
    }

    [Fact]
    public async Task ExecuteAsync_StartingOffsetsLatestAgain_ContinuesFromTheOffsetTheFirstRunRecordedAndSkipsNothingSince()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 2]);
        await RunAsync(source, Settings() with { StartingOffsets = StartingOffsets.Latest });
        source.WithPartition("clicks", 0, [0, 1, 2, 3, 4, 5]);

        var second = await RunAsync(source, Settings() with { StartingOffsets = StartingOffsets.Latest });

        // "latest" chooses where a partition the log does not know starts, once; offsets 3-5 came after that run.
        second.Topics.Single().Partitions.Single().StartOffset.ShouldBe(3);
        second.Records.ShouldBe(3);
        (await TxnAsync("clicks", 0)).ShouldBe(6);
    }

    [Fact]
    public async Task ExecuteAsync_GroupCommitFails_RunStillSucceedsBecauseTheDeltaLogHoldsTheOffsets()
    {
        var source = new FakeKafkaSource { CommitFailure = new KafkaSourceException("broker said no", isTransient: true) }
            .WithPartition("clicks", 0, [0, 1]);

        var report = await RunAsync(source);

        report.Status.ShouldBe(RunStatus.Succeeded);
        (await TxnAsync("clicks", 0)).ShouldBe(2);
    }

    [Fact]
    public async Task ExecuteAsync_StoppedBySignal_CommitsWhatWasReadAndRerunFinishesExactlyOnce()
    {
        var source = new FakeKafkaSource { MaxChunkRecords = 2 }.WithPartition("clicks", 0, Enumerable.Range(0, 10).Select(i => (long)i));
        using var stop = new CancellationTokenSource();

        var interrupted = await RunAsync(new CancelAfterFirstChunk(source, stop), Settings() with { CommitEveryRecords = 1000 }, stop.Token);
        var committedWhenStopped = await TxnAsync("clicks", 0);
        var rerun = await RunAsync(source);

        interrupted.Status.ShouldBe(RunStatus.Interrupted);
        interrupted.ExitCode.ShouldBe(130);
        interrupted.Records.ShouldBeGreaterThan(0);
        interrupted.Records.ShouldBeLessThan(10);
        committedWhenStopped.ShouldBe(interrupted.Records);
        rerun.Records.ShouldBe(10 - interrupted.Records);
        rerun.Topics.Single().Partitions.Single().StartOffset.ShouldBe(interrupted.Records);
    }

    [Fact]
    public async Task ExecuteAsync_Always_WritesTheLedgerEntryWithTheFinalStatus()
    {
        var report = await RunAsync(new FakeKafkaSource().WithPartition("clicks", 0, [0]));

        var entries = await new RunLedger(new LocalObjectStore(Lake)).ReadLatestAsync(1, "run", CancellationToken.None);
        entries.Single().RunId.ShouldBe(report.RunId);
        entries.Single().Status.ShouldBe(RunStatus.Succeeded);
        entries.Single().Records.ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_UntranslatedExceptionMidRun_EndsFailedWithExitOneAndStillWritesTheLedgerEntry()
    {
        var source = new ThrowAfterFirstChunk(new FakeKafkaSource().WithPartition("clicks", 0, Enumerable.Range(0, 10).Select(i => (long)i)));

        var report = await RunAsync(source);

        report.Status.ShouldBe(RunStatus.Failed);
        report.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Failure);
        var entry = (await new RunLedger(new LocalObjectStore(Lake)).ReadLatestAsync(1, "run", CancellationToken.None)).Single();
        entry.RunId.ShouldBe(report.RunId);
        entry.Status.ShouldBe(RunStatus.Failed);
        entry.Error.ShouldBe("unexpected InvalidOperationException: a bug below the run");
    }

    [Fact]
    public async Task ExecuteAsync_TableHoldsAnotherJobsOffsets_RefusesBeforeLandingAnythingTwice()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 2]);
        await RunAsync(source);

        var second = await RunAsync(source, Settings() with { JobId = "renamed" });

        second.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Usage);
        second.Error.ShouldNotBeNull().ShouldContain("holds the Kafka offsets of topic 'clicks' for job id 'job', but this run is job 'renamed'");
        second.Records.ShouldBe(0);
        (await new DeltaLog(new LocalObjectStore(Lake + "/clicks_rejects")).GetSnapshotAsync(null, CancellationToken.None)).AppTransactions.Keys
            .ShouldBe(["job/clicks/0"]);
    }

    [Fact]
    public async Task ExecuteAsync_TopicMissingOnKafkaAndATableRefused_ReportsKafkaFirst()
    {
        await RunAsync(new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 2]));

        // The tables are read while the bounds are captured: both fail here, and the Kafka failure is the one reported.
        var second = await RunAsync(new FakeKafkaSource().WithPartition("other", 0, [0]), Settings() with { JobId = "renamed" });

        second.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Failure);
        second.Error.ShouldNotBeNull().ShouldContain("Topic 'clicks' is not readable");
    }

    [Fact]
    public async Task ExecuteAsync_AnotherJobsTableAfterANewTopic_RefusedWithoutCreatingTheNewTopicsTables()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 2]).WithPartition("checkouts", 0, [0]);
        await RunAsync(source);
        var checkouts = new TopicSettings(BuiltInSchemas.Checkouts, PartitionMode.EventDate, Lake + "/checkouts", Lake + "/checkouts_rejects");

        var second = await RunAsync(source, Settings() with { JobId = "renamed", Topics = [checkouts, .. Settings().Topics] });

        second.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Usage);
        Directory.Exists(Lake + "/checkouts").ShouldBeFalse();
        Directory.Exists(Lake + "/checkouts_rejects").ShouldBeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_TopicNowHasFewerPartitionsThanTheTableKnows_RefusesAsARecreatedTopic()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [0, 1]).WithPartition("clicks", 1, [0, 1]);
        await RunAsync(source);
        // Recreated with one partition that already holds more records than the old partition 0 had.
        var recreated = new FakeKafkaSource().WithPartition("clicks", 0, Enumerable.Range(0, 10).Select(i => (long)i));

        var report = await RunAsync(recreated);

        report.Status.ShouldBe(RunStatus.Failed);
        report.Error.ShouldNotBeNull().ShouldContain("has an offset for topic 'clicks' partition 1, but the topic now has 1 partitions");
        report.Records.ShouldBe(0);
    }

    [Fact]
    public async Task ExecuteAsync_TableSetsTransactionRetention_RefusedBeforeReading()
    {
        var definition = TableDefinitions.For(TableLayout.ForTopic(BuiltInSchemas.Clicks, PartitionMode.EventDate), "clicks", "clicks");
        await new ClickBatch.Delta.Writing.DeltaTable(new LocalObjectStore(Lake + "/clicks"), new ClickBatch.Delta.Writing.DeltaWriterOptions())
            .CreateAsync(definition with { Configuration = new Dictionary<string, string?> { ["delta.setTransactionRetentionDuration"] = "interval 7 days" } }, CancellationToken.None);

        var report = await RunAsync(new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 2]));

        report.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Usage);
        report.Error.ShouldNotBeNull().ShouldContain("sets delta.setTransactionRetentionDuration=interval 7 days");
        report.Records.ShouldBe(0);
    }

    private string Lake => _lake.Lake;

    private RunSettings Settings() => _lake.Settings();

    private Task<RunReport> RunAsync(IKafkaSource source, RunSettings? settings = null, CancellationToken stop = default) =>
        new RunJob(settings ?? Settings(), () => new NonDisposingSource(source), NullLoggerFactory.Instance, TimeProvider.System).ExecuteAsync(stop);

    private async Task<long?> TxnAsync(string table, int partition) =>
        (await new DeltaLog(new LocalObjectStore(Lake + "/" + table)).GetSnapshotAsync(null, CancellationToken.None))
            .GetTransactionVersion("job/clicks/" + partition);

    /// <summary>Hands out the first chunk, then fails with an exception no layer translates (as a bug would).</summary>
    private sealed class ThrowAfterFirstChunk(IKafkaSource inner) : ForwardingKafkaSource(inner)
    {
        public override async IAsyncEnumerable<KafkaRecordBatch> ReadAsync(IReadOnlyList<PartitionRange> ranges, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var batch in Inner.ReadAsync(ranges, cancellationToken))
            {
                yield return batch;
                throw new InvalidOperationException("a bug below the run");
            }
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Signals "stop" (as SIGTERM does) right after the first chunk was handed out.</summary>
    private sealed class CancelAfterFirstChunk(IKafkaSource inner, CancellationTokenSource stop) : ForwardingKafkaSource(inner)
    {
        public override async IAsyncEnumerable<KafkaRecordBatch> ReadAsync(IReadOnlyList<PartitionRange> ranges, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var batch in Inner.ReadAsync(ranges, CancellationToken.None))
            {
                yield return batch;
                await stop.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
