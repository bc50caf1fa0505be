using ClickBatch.Ledger;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Ledger;

public sealed class RunLedgerTests : IDisposable
{
    private readonly TempDirectory _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task WriteAsync_ThenReadLatest_RoundTripsTheReportNewestFirst()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var ledger = new RunLedger(new LocalObjectStore(_lake.Path));
        var first = Report(RunId.New(clock), clock.GetUtcNow(), "run", RunStatus.Succeeded);
        clock.Advance(TimeSpan.FromDays(1));
        var second = Report(RunId.New(clock), clock.GetUtcNow(), "run", RunStatus.DataLoss);
        clock.Advance(TimeSpan.FromHours(1));
        var vacuum = Report(RunId.New(clock), clock.GetUtcNow(), "vacuum", RunStatus.Succeeded);

        await ledger.WriteAsync(second, CancellationToken.None);
        await ledger.WriteAsync(vacuum, CancellationToken.None);
        await ledger.WriteAsync(first, CancellationToken.None);
        var runs = await ledger.ReadLatestAsync(5, "run", CancellationToken.None);

        runs.Select(r => r.RunId).ShouldBe([second.RunId, first.RunId]);
        runs[0].Status.ShouldBe(RunStatus.DataLoss);
        runs[0].Topics.Single().Partitions.Single().DataLossGap.ShouldBe(new OffsetGap(5, 9));
        runs[0].Rows.ShouldBe(90);
        File.ReadAllText(Path.Combine(_lake.Path, "_clickbatch", "runs", second.RunId + ".json"))
            .ShouldContain("\"status\": \"DataLoss\"");
    }

    /// <summary>
    /// A ledger entry whose content is not one (edited by hand, half a file from another tool) is skipped and named, not
    /// an unexpected JsonException out of `status`; the entries around it are still read, 40 of them across read windows.
    /// </summary>
    [Fact]
    public async Task ReadLatestAsync_ADamagedEntryAmongMany_SkipsAndNamesItAndReadsTheRest()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var ledger = new RunLedger(new LocalObjectStore(_lake.Path));
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var report = Report(RunId.New(clock), clock.GetUtcNow(), "run", RunStatus.Succeeded);
            ids.Add(report.RunId);
            await ledger.WriteAsync(report, CancellationToken.None);
        }

        var damaged = RunLedger.KeyOf(ids[30]);
        await File.WriteAllTextAsync(Path.Combine(_lake.Path, damaged), "{\"runId\": \"trunc");

        var runs = await ledger.ReadLatestAsync(35, "run", CancellationToken.None);

        runs.Select(r => r.RunId).ShouldBe(Enumerable.Reverse(ids).Where(id => id != ids[30]).Take(35));
        ledger.Unreadable.ShouldBe([damaged]);
        var status = ClickBatch.Cli.StatusPrinter.Table(new ClickBatch.Jobs.Status.StatusReport
        {
            JobId = "j", GroupId = "j", Lake = _lake.Path, UnreadableLedgerEntries = ledger.Unreadable,
        });
        status.ShouldContain("note: 1 ledger entry is not readable and skipped");
        status.ShouldContain(damaged);
    }

    [Fact]
    public void New_SameClock_IdsSortByStartTimeAndDiffer()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var a = RunId.New(clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        var b = RunId.New(clock);

        a.ShouldStartWith("20260102T030405Z-");
        string.CompareOrdinal(a, b).ShouldBeLessThan(0);
        RunId.New(clock).ShouldNotBe(b);
    }

    private static RunReport Report(string runId, DateTimeOffset startedAt, string operation, RunStatus status) => new()
    {
        RunId = runId,
        JobId = "clickbatch",
        Operation = operation,
        StartedAt = startedAt,
        EndedAt = startedAt.AddMinutes(3),
        Status = status,
        Topics =
        [
            new TopicReport
            {
                Topic = "clicks",
                Table = "/lake/clicks",
                RejectsTable = "/lake/clicks_rejects",
                Partitions =
                [
                    new PartitionReport
                    {
                        Partition = 0, EarliestOffset = 9, StartOffset = 9, EndOffset = 109, Records = 100, Rows = 90,
                        Rejects = 10, DataLossGap = new OffsetGap(5, 9),
                    },
                ],
            },
        ],
    };
}
