using ClickBatch.Kafka;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Kafka;

/// <summary>The fake must keep the real source's contract, or tests of the run built on it prove nothing.</summary>
public sealed class FakeKafkaSourceTests
{
    [Fact]
    public async Task ReadAsync_GapsAndMarkersAtTheEnd_EmitsOnlyRangeRecordsAndEndsAtTo()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 4, 5, 8], end: 10);

        var batches = await ReadAllAsync(source, [new PartitionRange("clicks", 0, 1, 10)]);

        batches.SelectMany(b => b.Records).Select(r => r.Offset).ShouldBe([1L, 4L, 5L, 8L]);
        batches.SelectMany(b => b.Positions).Last().ShouldBe(new PartitionPosition("clicks", 0, 10, true));
    }

    [Fact]
    public async Task ReadAsync_RangeEndingBeforeLaterRecords_NeverEmitsPastTo()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, Enumerable.Range(0, 10).Select(i => (long)i));

        var batches = await ReadAllAsync(source, [new PartitionRange("clicks", 0, 0, 4)]);

        batches.SelectMany(b => b.Records).Select(r => r.Offset).ShouldBe([0L, 1L, 2L, 3L]);
        batches.ShouldAllBe(b => b.Records.Count <= 3);
    }

    [Fact]
    public async Task ReadAsync_EmptyRange_IsNeverAssigned()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [0, 1]).WithPartition("clicks", 1, [0]);

        var batches = await ReadAllAsync(source, [new PartitionRange("clicks", 0, 2, 2), new PartitionRange("clicks", 1, 0, 1)]);

        source.Assigned.ShouldBe([new KafkaPartition("clicks", 1)]);
        batches.SelectMany(b => b.Records).Single().Partition.ShouldBe(1);
    }

    [Fact]
    public async Task CaptureBoundsAsync_DeletedRecords_ReportEarliestAndEnd()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, [7, 8, 9], earliest: 7).WithPartition("clicks", 1, []);

        var bounds = await source.CaptureBoundsAsync(["clicks"], CancellationToken.None);

        bounds.ShouldBe([new PartitionBounds("clicks", 0, 7, 10), new PartitionBounds("clicks", 1, 0, 0)]);
    }

    private static async Task<List<KafkaRecordBatch>> ReadAllAsync(IKafkaSource source, IReadOnlyList<PartitionRange> ranges)
    {
        var batches = new List<KafkaRecordBatch>();
        await foreach (var batch in source.ReadAsync(ranges, CancellationToken.None))
        {
            batches.Add(batch);
        }

        return batches;
    }
}
