using ClickBatch.Decoding;
using ClickBatch.Ledger;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Jobs.Run;

/// <summary>Issue 13 item 6: a data-loss gap in one partition blocks that partition only; everything else lands.</summary>
public sealed class RunJobDataLossTests : IDisposable
{
    private readonly RunTestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task ExecuteAsync_OneOffsetDeletedUnreadInOnePartition_LandsEveryOtherPartitionAndTopicThenExitsThree()
    {
        var settings = _lake.Settings(BuiltInSchemas.Clicks, BuiltInSchemas.Checkouts);
        var source = new FakeKafkaSource()
            .WithPartition("clicks", 0, Range(0, 5)).WithPartition("clicks", 1, Range(0, 5)).WithPartition("checkouts", 0, Range(0, 3));
        (await _lake.RunAsync(source, settings)).Status.ShouldBe(RunStatus.Succeeded);
        // Offset 5 of clicks/0 was produced and deleted by retention before the next run: a gap of exactly one offset.
        source.WithPartition("clicks", 0, Range(6, 10), earliest: 6)
            .WithPartition("clicks", 1, Range(0, 10)).WithPartition("checkouts", 0, Range(0, 7));

        var report = await _lake.RunAsync(source, settings);

        report.Status.ShouldBe(RunStatus.DataLoss);
        report.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.DataLoss);
        report.Error.ShouldNotBeNull().ShouldContain("topic 'clicks' partition 0: offsets 5-5 (1 offsets)");
        (await _lake.TxnAsync("clicks", "clicks", 0)).ShouldBe(5);
        (await _lake.TxnAsync("clicks_rejects", "clicks", 0)).ShouldBe(5);
        (await _lake.TxnAsync("clicks", "clicks", 1)).ShouldBe(10);
        (await _lake.TxnAsync("clicks_rejects", "clicks", 1)).ShouldBe(10);
        (await _lake.TxnAsync("checkouts", "checkouts", 0)).ShouldBe(7);
        var blocked = report.Topics.Single(t => t.Topic == "clicks").Partitions.Single(p => p.Partition == 0);
        blocked.DataLossGap.ShouldBe(new OffsetGap(5, 6));
        (blocked.StartOffset, blocked.EndOffset, blocked.CommittedOffset, blocked.Records).ShouldBe((5L, 5L, 5L, 0L));
        report.Records.ShouldBe(5 + 4);
        (await _lake.LedgerAsync()).Single(r => r.RunId == report.RunId).Topics.Single(t => t.Topic == "clicks").Partitions.Single(p => p.Partition == 0).DataLossGap
            .ShouldBe(new OffsetGap(5, 6));
    }

    [Fact]
    public async Task ExecuteAsync_BlockedPartitionThenAllowDataLoss_LandsTheRestOfThatPartitionOnce()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, Range(0, 5)).WithPartition("clicks", 1, Range(0, 2));
        await _lake.RunAsync(source);
        source.WithPartition("clicks", 0, Range(6, 10), earliest: 6).WithPartition("clicks", 1, Range(0, 4));
        (await _lake.RunAsync(source)).Status.ShouldBe(RunStatus.DataLoss);

        var accepted = await _lake.RunAsync(source, _lake.Settings() with { AllowDataLoss = true });

        accepted.Status.ShouldBe(RunStatus.Succeeded);
        accepted.Records.ShouldBe(4);
        accepted.Topics.Single().Partitions.Single(p => p.Partition == 0).DataLossGap.ShouldBe(new OffsetGap(5, 6));
        (await _lake.TxnAsync("clicks", "clicks", 0)).ShouldBe(10);
        (await _lake.TxnAsync("clicks", "clicks", 1)).ShouldBe(4);
    }

    [Fact]
    public async Task ExecuteAsync_GroupOffsetBelowEarliestForANewPartition_RecordsNoStartForIt()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, Range(20, 25), earliest: 20).WithPartition("clicks", 1, Range(0, 3));
        source.GroupOffsets["g"] = new() { [new ClickBatch.Kafka.KafkaPartition("clicks", 0)] = 10 };

        var report = await _lake.RunAsync(source, _lake.Settings() with { StartingOffsets = ClickBatch.Kafka.StartingOffsets.Group });

        report.Status.ShouldBe(RunStatus.DataLoss);
        report.Error.ShouldNotBeNull().ShouldContain("topic 'clicks' partition 0: offsets 10-19 (10 offsets)");
        (await _lake.TxnAsync("clicks", "clicks", 0)).ShouldBeNull();
        (await _lake.TxnAsync("clicks_rejects", "clicks", 0)).ShouldBeNull();
        (await _lake.TxnAsync("clicks", "clicks", 1)).ShouldBe(3);
    }

    private static IEnumerable<long> Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from)).Select(i => (long)i);
}
