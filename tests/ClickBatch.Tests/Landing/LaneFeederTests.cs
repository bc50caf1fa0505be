using ClickBatch.Kafka;
using ClickBatch.Landing;

namespace ClickBatch.Tests.Landing;

public class LaneFeederTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Feed_TwoLanes_EachLaneGetsItsPartitionsInChunkOrder()
    {
        var records = Records(partitions: 5, perPartition: 4);
        var seen = new[] { new List<KafkaRecord>(), new List<KafkaRecord>() };

        new LaneFeeder(2, minRecordsToSplit: 1).Feed(records, (lane, record) => seen[lane].Add(record));

        seen[0].ShouldBe(records.Where(r => r.Partition % 2 == 0));
        seen[1].ShouldBe(records.Where(r => r.Partition % 2 == 1));
    }

    [Fact]
    public void Feed_TwoLanes_RunSideBySideOnTwoThreads()
    {
        using var bothIn = new Barrier(2);
        var threads = new int[2];

        // Each lane waits at the barrier for the other: lanes fed one after the other would time out here.
        new LaneFeeder(2, minRecordsToSplit: 1).Feed(Records(partitions: 2, perPartition: 1), (lane, _) =>
        {
            threads[lane] = Environment.CurrentManagedThreadId;
            bothIn.SignalAndWait(Patience).ShouldBeTrue("the other lane never ran at the same time");
        });

        threads[0].ShouldNotBe(threads[1]);
    }

    [Fact]
    public void Feed_OneLaneFails_ThrowsItsOwnExceptionOnlyAfterEveryLaneStopped()
    {
        var lane0Done = false;

        var ex = Should.Throw<InvalidDataException>(() => new LaneFeeder(2, minRecordsToSplit: 1).Feed(Records(partitions: 2, perPartition: 50), (lane, record) =>
        {
            if (lane == 1)
            {
                throw new InvalidDataException("lane 1 broke");
            }

            Thread.Sleep(1);
            lane0Done = record.Offset == 49 || lane0Done;
        }));

        ex.Message.ShouldBe("lane 1 broke");
        lane0Done.ShouldBeTrue("the feeder returned while lane 0 was still writing the chunk");
    }

    [Fact]
    public void Feed_ChunkBelowTheSplitSize_GoesToLaneZeroAloneOnTheCallersThread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var records = Records(partitions: 4, perPartition: 5);
        var seen = new List<(int Lane, int Thread, KafkaRecord Record)>();

        new LaneFeeder(2, minRecordsToSplit: 21).Feed(records, (lane, record) => seen.Add((lane, Environment.CurrentManagedThreadId, record)));

        seen.ShouldAllBe(s => s.Lane == 0 && s.Thread == caller);
        seen.Select(s => s.Record).ShouldBe(records);
    }

    [Fact]
    public void Feed_ChunkAtTheSplitSize_IsSplitBetweenTheLanes()
    {
        var lanes = new HashSet<int>();

        new LaneFeeder(2, minRecordsToSplit: 20).Feed(Records(partitions: 4, perPartition: 5), (lane, _) =>
        {
            lock (lanes)
            {
                lanes.Add(lane);
            }
        });

        lanes.Order().ShouldBe([0, 1]);
    }

    [Fact]
    public void Feed_OneLane_RunsEverythingOnTheCallersThread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var threads = new HashSet<int>();

        new LaneFeeder(1).Feed(Records(partitions: 3, perPartition: 3), (_, _) => threads.Add(Environment.CurrentManagedThreadId));

        threads.ShouldBe([caller]);
    }

    private static List<KafkaRecord> Records(int partitions, int perPartition) =>
        Enumerable.Range(0, perPartition)
            .SelectMany(o => Enumerable.Range(0, partitions).Select(p => KafkaRecord.FromArrays("t", p, o, 0, KafkaTimestampType.CreateTime, null, [1])))
            .ToList();
}
