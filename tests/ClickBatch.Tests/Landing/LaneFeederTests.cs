using System.Collections.Concurrent;
using ClickBatch.Kafka;
using ClickBatch.Landing;

namespace ClickBatch.Tests.Landing;

public class LaneFeederTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Feed_TwoLanes_EachLaneGetsItsPartitionsInChunkOrder()
    {
        var first = Records(partitions: 5, perPartition: 4);
        var second = Records(partitions: 5, perPartition: 3, firstOffset: 4);
        var seen = new[] { new List<KafkaRecord>(), new List<KafkaRecord>() };
        await using var feeder = new LaneFeeder(2, (lane, record) => seen[lane].Add(record), minRecordsToSplit: 1);

        feeder.Feed(first);
        feeder.Feed(second);
        await feeder.WaitAsync(0);

        var all = first.Concat(second).ToList();
        seen[0].ShouldBe(all.Where(r => r.Partition % 2 == 0));
        seen[1].ShouldBe(all.Where(r => r.Partition % 2 == 1));
    }

    [Fact]
    public async Task Feed_TwoLanes_RunSideBySideOnTwoThreadsOtherThanTheCallers()
    {
        using var bothIn = new Barrier(2);
        var threads = new int[2];
        await using var feeder = new LaneFeeder(2, (lane, _) =>
        {
            threads[lane] = Environment.CurrentManagedThreadId;
            // Each lane waits here for the other: lanes written one after the other would time out.
            bothIn.SignalAndWait(Patience).ShouldBeTrue("the other lane never ran at the same time");
        }, minRecordsToSplit: 1);

        feeder.Feed(Records(partitions: 2, perPartition: 1));
        await feeder.WaitAsync(0);

        threads[0].ShouldNotBe(threads[1]);
        threads.ShouldNotContain(Environment.CurrentManagedThreadId);
    }

    [Fact]
    public async Task Feed_ALaneHeldUp_TheOtherWritesTheNextChunksAndNothingCountsAsWrittenBeforeEveryLaneWroteIt()
    {
        using var release = new ManualResetEventSlim();
        var lane0Offsets = new ConcurrentQueue<long>();
        var written = new List<int>();
        await using var feeder = new LaneFeeder(2, (lane, record) =>
        {
            if (lane == 1)
            {
                release.Wait(Patience).ShouldBeTrue("the test never released lane 1");
            }
            else
            {
                lane0Offsets.Enqueue(record.Offset);
            }
        }, minRecordsToSplit: 1);

        for (var chunk = 0; chunk < 3; chunk++)
        {
            var number = chunk;
            feeder.Feed(Records(partitions: 2, perPartition: 1, firstOffset: chunk), () => written.Add(number));
        }

        // Lane 0 writes all three chunks while lane 1 is still held in the first one: none of them counts as written.
        await WaitUntil(() => lane0Offsets.Count == 3);
        var waiting = feeder.WaitAsync(2);
        await Task.Delay(100);
        waiting.IsCompleted.ShouldBeFalse("a chunk lane 1 has not written yet counted as written");
        written.ShouldBeEmpty();
        feeder.InFlight.ShouldBe(3);

        release.Set();
        await waiting;
        await feeder.WaitAsync(1);
        written.ShouldBe([0, 1]);
        await feeder.WaitAsync(0);
        written.ShouldBe([0, 1, 2]);
        feeder.InFlight.ShouldBe(0);
    }

    [Fact]
    public async Task WaitAsync_WrittenActionThrows_ThrowsAtEveryWaitAndRunsNoLaterChunksAction()
    {
        var written = new List<int>();
        await using var feeder = new LaneFeeder(1, (_, _) => { });
        feeder.Feed(Records(partitions: 1, perPartition: 1), () => throw new KeyNotFoundException("no such topic"));
        feeder.Feed(Records(partitions: 1, perPartition: 1, firstOffset: 1), () => written.Add(1));

        (await Should.ThrowAsync<KeyNotFoundException>(() => feeder.WaitAsync(0))).Message.ShouldBe("no such topic");
        (await Should.ThrowAsync<KeyNotFoundException>(() => feeder.WaitAsync(0))).Message.ShouldBe("no such topic");
        written.ShouldBeEmpty();
    }

    [Fact]
    public async Task WaitAsync_RunsWrittenInChunkOrderNeverOnALaneThread()
    {
        var laneThreads = new ConcurrentDictionary<int, bool>();
        var writtenThreads = new List<int>();
        var order = new List<int>();
        await using var feeder = new LaneFeeder(2, (_, _) =>
        {
            laneThreads[Environment.CurrentManagedThreadId] = true;
            Thread.Sleep(1);
        }, minRecordsToSplit: 1);
        for (var chunk = 0; chunk < 5; chunk++)
        {
            var number = chunk;
            feeder.Feed(Records(partitions: 3, perPartition: 2, firstOffset: 2 * chunk), () =>
            {
                order.Add(number);
                writtenThreads.Add(Environment.CurrentManagedThreadId);
            });
        }

        await feeder.WaitAsync(0);

        order.ShouldBe([0, 1, 2, 3, 4]);
        laneThreads.Count.ShouldBe(2);
        writtenThreads.ShouldAllBe(t => !laneThreads.ContainsKey(t));
    }

    [Fact]
    public async Task WaitAsync_ALaneFails_ThrowsItsExceptionAtEveryWaitAndThatChunkAndLaterOnesNeverCountAsWritten()
    {
        var written = new List<int>();
        using var lane0WroteChunk0 = new ManualResetEventSlim();
        await using var feeder = new LaneFeeder(2, (lane, record) =>
        {
            if (lane == 0 && record.Offset == 0)
            {
                lane0WroteChunk0.Set();
            }

            if (lane == 1 && record.Offset == 1)
            {
                // After lane 0 took chunk 0 (a lane skips what it takes after a failure).
                lane0WroteChunk0.Wait(Patience).ShouldBeTrue("lane 0 never took chunk 0");
                throw new InvalidDataException("lane 1 broke");
            }
        }, minRecordsToSplit: 1);
        for (var chunk = 0; chunk < 4; chunk++)
        {
            var number = chunk;
            feeder.Feed(Records(partitions: 2, perPartition: 1, firstOffset: chunk), () => written.Add(number));
        }

        (await Should.ThrowAsync<InvalidDataException>(() => feeder.WaitAsync(0))).Message.ShouldBe("lane 1 broke");
        written.ShouldBe([0]);
        (await Should.ThrowAsync<InvalidDataException>(() => feeder.WaitAsync(0))).Message.ShouldBe("lane 1 broke");
        written.ShouldBe([0]);
    }

    [Fact]
    public async Task WaitAsync_ALaneFailsAheadOfAnother_AnEarlierChunkTheOtherLaneThenSkipsNeverCountsAsWritten()
    {
        using var lane1In = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var lane1Wrote = new ConcurrentQueue<long>();
        var written = new List<int>();
        await using var feeder = new LaneFeeder(2, (lane, record) =>
        {
            if (lane == 0 && record.Offset == 2)
            {
                lane1In.Wait(Patience).ShouldBeTrue("lane 1 never started chunk 0");
                throw new InvalidDataException("lane 0 broke in chunk 2");
            }

            if (lane == 1)
            {
                lane1In.Set();
                release.Wait(Patience).ShouldBeTrue("the test never released lane 1");
                lane1Wrote.Enqueue(record.Offset);
            }
        }, minRecordsToSplit: 1);

        // Lane 1 is held in chunk 0 while lane 0 writes chunks 0 and 1 and fails in chunk 2. Released, lane 1 finishes
        // chunk 0 and skips chunk 1: lane 0 wrote its part of chunk 1, but chunk 1 is not written.
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var number = chunk;
            feeder.Feed(Records(partitions: 2, perPartition: 1, firstOffset: chunk), () => written.Add(number));
        }

        await WaitUntil(() => feeder.HasFailed);
        release.Set();

        (await Should.ThrowAsync<InvalidDataException>(() => feeder.WaitAsync(0))).Message.ShouldBe("lane 0 broke in chunk 2");
        written.ShouldBe([0]);
        lane1Wrote.ShouldBe([0L]);
    }

    [Fact]
    public async Task Feed_ChunkBelowTheSplitSize_GoesToLaneZeroAlone()
    {
        var records = Records(partitions: 4, perPartition: 5);
        var seen = new ConcurrentQueue<(int Lane, KafkaRecord Record)>();
        await using var feeder = new LaneFeeder(2, (lane, record) => seen.Enqueue((lane, record)), minRecordsToSplit: 21);

        feeder.Feed(records);
        await feeder.WaitAsync(0);

        seen.ShouldAllBe(s => s.Lane == 0);
        seen.Select(s => s.Record).ShouldBe(records);
    }

    [Fact]
    public async Task Feed_ChunkAtTheSplitSize_IsSplitBetweenTheLanes()
    {
        var lanes = new ConcurrentDictionary<int, bool>();
        await using var feeder = new LaneFeeder(2, (lane, _) => lanes[lane] = true, minRecordsToSplit: 20);

        feeder.Feed(Records(partitions: 4, perPartition: 5));
        await feeder.WaitAsync(0);

        lanes.Keys.Order().ShouldBe([0, 1]);
    }

    [Fact]
    public async Task Feed_OneLane_WritesEverythingOnOneThreadInOrder()
    {
        var threads = new ConcurrentDictionary<int, bool>();
        var seen = new List<KafkaRecord>();
        var records = Records(partitions: 3, perPartition: 3);
        await using var feeder = new LaneFeeder(1, (_, record) =>
        {
            threads[Environment.CurrentManagedThreadId] = true;
            seen.Add(record);
        });

        feeder.Feed(records.Take(4).ToList());
        feeder.Feed(records.Skip(4).ToList());
        await feeder.WaitAsync(0);

        threads.Count.ShouldBe(1);
        seen.ShouldBe(records);
    }

    [Fact]
    public async Task Feed_AChunkWithoutRecords_CountsAsWrittenInItsTurn()
    {
        using var release = new ManualResetEventSlim();
        var written = new List<string>();
        await using var feeder = new LaneFeeder(2, (_, _) => release.Wait(Patience), minRecordsToSplit: 1);

        feeder.Feed(Records(partitions: 2, perPartition: 1), () => written.Add("records"));
        feeder.Feed([], () => written.Add("positions only"));
        await feeder.WaitAsync(2);
        written.ShouldBeEmpty();

        release.Set();
        await feeder.WaitAsync(0);
        written.ShouldBe(["records", "positions only"]);
    }

    [Fact]
    public async Task DisposeAsync_WithChunksQueued_LetsTheLanesWriteThemAndReturns()
    {
        var count = 0;
        var feeder = new LaneFeeder(1, (_, _) => Interlocked.Increment(ref count));
        feeder.Feed(Records(partitions: 2, perPartition: 50));

        await feeder.DisposeAsync();

        Volatile.Read(ref count).ShouldBe(100);
        Should.Throw<ObjectDisposedException>(() => feeder.Feed(Records(partitions: 1, perPartition: 1)));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the lanes never got there");
            await Task.Delay(5);
        }
    }

    private static List<KafkaRecord> Records(int partitions, int perPartition, long firstOffset = 0) =>
        Enumerable.Range(0, perPartition)
            .SelectMany(o => Enumerable.Range(0, partitions)
                .Select(p => KafkaRecord.FromArrays("t", p, firstOffset + o, 0, KafkaTimestampType.CreateTime, null, [1])))
            .ToList();
}
