using System.Text;
using ClickBatch.Ledger;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Jobs.Run;

/// <summary>
/// The reject ratio (Run.MaxRejectRatio) is checked at commits in the middle of a read only once the topic read
/// <see cref="ClickBatch.Landing.TopicIngestion.RejectRatioMinimumRecords"/> records, and always at the run's last commit.
/// </summary>
public sealed class RunJobRejectRatioTests : IDisposable
{
    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(
        "{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"}");

    private static readonly byte[] Broken = Encoding.UTF8.GetBytes("{\"click_id\":");

    private readonly RunTestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task ExecuteAsync_FirstRecordRejectedThenAllGoodInSmallCommits_SucceedsOnTheWholeRunsRatio()
    {
        // 1 reject in 200 records (0.5 %), committed 3 records at a time: the first commit alone would be 33 %.
        var values = new[] { Broken }.Concat(Enumerable.Repeat(Valid, 199)).ToList();

        var report = await _lake.RunAsync(new FakeKafkaSource().WithValues("clicks", 0, values),
            _lake.Settings() with { MaxRejectRatio = 0.05, CommitEveryRecords = 1 });

        report.Status.ShouldBe(RunStatus.Succeeded, report.Error);
        (report.Rows, report.Rejects).ShouldBe((199L, 1L));
    }

    [Fact]
    public async Task ExecuteAsync_RatioAboveTheLimitInAFewRecords_FailsWithExit4AtTheEndOfTheRun()
    {
        // 4 rejects in 12 records, committed 3 at a time: below the minimum no commit in the middle checks, the end does.
        var values = Enumerable.Range(0, 12).Select(i => i % 3 == 0 ? Broken : Valid).ToList();

        var report = await _lake.RunAsync(new FakeKafkaSource().WithValues("clicks", 0, values),
            _lake.Settings() with { MaxRejectRatio = 0.05, CommitEveryRecords = 1 });

        report.Status.ShouldBe(RunStatus.RejectThresholdExceeded);
        report.ExitCode.ShouldBe(4);
        // Every record landed (the rejects in the rejects table), none lost: the chunks committed before the end.
        (await _lake.TxnAsync("clicks", "clicks", 0)).ShouldBe(12);
        (await _lake.TxnAsync("clicks_rejects", "clicks", 0)).ShouldBe(12);
    }

    [Fact]
    public async Task ExecuteAsync_RatioAboveTheLimitPastTheMinimum_FailsAtTheFirstCommitPastIt()
    {
        // 1,200 good records, then every record a reject: the ratio crosses 5 % at about record 1,263.
        var values = Enumerable.Repeat(Valid, 1200).Concat(Enumerable.Repeat(Broken, 300)).ToList();

        var report = await _lake.RunAsync(new FakeKafkaSource { MaxChunkRecords = 30 }.WithValues("clicks", 0, values),
            _lake.Settings() with { MaxRejectRatio = 0.05, CommitEveryRecords = 1 });

        report.Status.ShouldBe(RunStatus.RejectThresholdExceeded);
        var committed = await _lake.TxnAsync("clicks", "clicks", 0);
        committed.ShouldNotBeNull();
        committed.Value.ShouldBeInRange(1230L, 1290L);
    }
}
