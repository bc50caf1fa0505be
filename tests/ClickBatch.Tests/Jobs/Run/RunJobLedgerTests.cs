using System.Text;
using ClickBatch.Decoding;
using ClickBatch.Jobs.Status;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Jobs.Run;

/// <summary>
/// Issue 13 items 4, 5 and 10: what the ledger holds for a refused run, a run failing before its plan and a killed run;
/// what a finished run leaves in staging.
/// </summary>
public sealed class RunJobLedgerTests : IDisposable
{
    private static readonly string Version4 = "_delta_log/" + 4L.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + ".json";
    private readonly RunTestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task ExecuteAsync_RefusedBySchemaMismatch_WritesNoLedgerEntryAndStatusShowsThePreviousRun()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, Range(10));
        var first = await _lake.RunAsync(source);
        var changed = BuiltInSchemas.Clicks with { Fields = BuiltInSchemas.Clicks.Fields.Take(4).ToList() };

        var refused = await _lake.RunAsync(source, _lake.Settings(changed));

        refused.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Usage);
        refused.Error.ShouldNotBeNull().ShouldContain("Expected them to match");
        refused.Topics.Single().Partitions.ShouldBeEmpty();
        (await _lake.LedgerAsync()).Select(r => r.RunId).ShouldBe([first.RunId]);
        var status = await new StatusJob(_lake.Settings(), () => new NonDisposingSource(source), uri => new LocalObjectStore(uri))
            .CollectAsync(CancellationToken.None);
        status.LastRun.ShouldNotBeNull().RunId.ShouldBe(first.RunId);
    }

    [Fact]
    public async Task ExecuteAsync_FailsBeforeItsPlan_ReportsNoPartitionsInsteadOfZeroOffsets()
    {
        await _lake.RunAsync(new FakeKafkaSource().WithPartition("clicks", 0, Range(10)).WithPartition("clicks", 1, Range(3)));
        var recreated = new FakeKafkaSource().WithPartition("clicks", 0, Range(20));

        var report = await _lake.RunAsync(recreated);

        report.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Failure);
        report.Topics.Single().Partitions.ShouldBeEmpty();
        (await _lake.LedgerAsync()).Single(r => r.RunId == report.RunId).Topics.Single().Partitions.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_KilledAtACommit_LedgerEntryHoldsTheVersionsAndCountsCommittedBefore()
    {
        var lake = new DyingLake((uri, key) => uri.EndsWith("/clicks", StringComparison.Ordinal) && key == Version4);

        await Should.ThrowAsync<DyingLake.ProcessDiedException>(() => _lake.RunAsync(
            new FakeKafkaSource().WithPartition("clicks", 0, Range(40)), _lake.Settings() with { LedgerUpdateInterval = TimeSpan.Zero }, lake.Open));

        var entry = (await _lake.LedgerAsync()).Single();
        entry.Status.ShouldBe(RunStatus.Running);
        var table = await _lake.SnapshotAsync("clicks");
        var rejects = await _lake.SnapshotAsync("clicks_rejects");
        var topic = entry.Topics.Single();
        // Version 0 created the tables; every version after it that reached the log is this run's.
        topic.DeltaVersions.ShouldBe(Enumerable.Range(1, (int)table.Version).Select(v => (long)v));
        topic.RejectsDeltaVersions.ShouldBe(Enumerable.Range(1, (int)rejects.Version).Select(v => (long)v));
        var committed = (await _lake.TxnAsync("clicks", "clicks", 0)).ShouldNotBeNull();
        committed.ShouldBeGreaterThan(0);
        entry.Records.ShouldBe(committed);
        (entry.Rows + entry.Rejects).ShouldBe(committed);
        topic.Partitions.Single().CommittedOffset.ShouldBe(committed);
    }

    [Fact]
    public async Task ExecuteAsync_KilledWithUpdatesThrottled_LedgerEntryStillHoldsTheFirstCommit()
    {
        var lake = new DyingLake((uri, key) => uri.EndsWith("/clicks", StringComparison.Ordinal) && key == Version4);

        await Should.ThrowAsync<DyingLake.ProcessDiedException>(() => _lake.RunAsync(
            new FakeKafkaSource().WithPartition("clicks", 0, Range(40)), _lake.Settings() with { LedgerUpdateInterval = TimeSpan.FromHours(1) }, lake.Open));

        // The first commit of a new table is version 1 (where the partition starts); versions 2 and 3 fall in the interval.
        var topic = (await _lake.LedgerAsync()).Single().Topics.Single();
        topic.DeltaVersions.ShouldBe([1L]);
        topic.RejectsDeltaVersions.ShouldBe([1L]);
        (await _lake.SnapshotAsync("clicks")).Version.ShouldBe(3);
    }

    [Fact]
    public async Task ExecuteAsync_LedgerUpdatesFail_RunSucceedsAndItsFinalEntryIsWritten()
    {
        var runningEntries = 0;
        var failed = 0;
        IObjectStore Stores(string uri) => uri != _lake.Lake ? new LocalObjectStore(uri) : new InterceptingStore(new LocalObjectStore(uri), (key, content) =>
        {
            if (key.StartsWith(RunLedger.Prefix, StringComparison.Ordinal) && Encoding.UTF8.GetString(content.Span).Contains("\"status\": \"Running\"", StringComparison.Ordinal)
                && ++runningEntries > 1)
            {
                failed++;
                throw new IOException("No space left on device");
            }
        });

        var report = await _lake.RunAsync(new FakeKafkaSource().WithPartition("clicks", 0, Range(12)), _lake.Settings() with { LedgerUpdateInterval = TimeSpan.Zero }, Stores);

        failed.ShouldBeGreaterThan(1);
        report.Status.ShouldBe(RunStatus.Succeeded);
        report.Records.ShouldBe(12);
        var entry = (await _lake.LedgerAsync()).Single();
        entry.Status.ShouldBe(RunStatus.Succeeded);
        entry.Records.ShouldBe(12);
    }

    [Fact]
    public async Task ExecuteAsync_Succeeded_RemovesItsStagingFolder()
    {
        var report = await _lake.RunAsync(new FakeKafkaSource().WithPartition("clicks", 0, Range(12)));

        report.Status.ShouldBe(RunStatus.Succeeded);
        report.Topics.Single().Files.ShouldBeGreaterThan(0);
        Directory.Exists(_lake.Staging).ShouldBeTrue("the run stages its files there");
        Directory.Exists(Path.Combine(_lake.Staging, report.RunId)).ShouldBeFalse();
    }

    private static IEnumerable<long> Range(int count) => Enumerable.Range(0, count).Select(i => (long)i);
}
