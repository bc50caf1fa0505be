using System.Text;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Kafka;

public sealed class ConfluentKafkaSourceTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task CaptureBoundsAsync_TwoTopics_ReturnsEveryPartitionWithItsWatermarks()
    {
        var clicks = kafka.CreateTopic("clicks", partitions: 3);
        var checkouts = kafka.CreateTopic("checkouts", partitions: 2);
        await kafka.ProduceAsync(clicks, 1, count: 4);
        await kafka.ProduceAsync(checkouts, 0, count: 2);
        kafka.Cluster.DeleteRecordsBefore(clicks, 1, 3);
        await using var source = CreateSource();

        var bounds = await source.CaptureBoundsAsync([clicks, checkouts], Token());

        bounds.ShouldBe([
            new PartitionBounds(clicks, 0, 0, 0), new PartitionBounds(clicks, 1, 3, 4), new PartitionBounds(clicks, 2, 0, 0),
            new PartitionBounds(checkouts, 0, 0, 2), new PartitionBounds(checkouts, 1, 0, 0),
        ]);
    }

    [Fact]
    public async Task CaptureBoundsAsync_MissingTopic_FailsNamingIt()
    {
        await using var source = CreateSource();

        var error = await Should.ThrowAsync<KafkaSourceException>(() => source.CaptureBoundsAsync(["no-such-topic"], Token()));

        error.Message.ShouldContain("'no-such-topic'");
        error.Facts["Topic"].ShouldBe("no-such-topic");
    }

    [Fact]
    public async Task ReadAsync_WhileAnotherProducerKeepsProducing_EmitsExactlyTheRangesCapturedAtStart()
    {
        var topic = kafka.CreateTopic("bounded", partitions: 4);
        int[] counts = [30, 1, 0, 45];
        for (var p = 0; p < counts.Length; p++)
        {
            await kafka.ProduceAsync(topic, p, counts[p], prefix: "p" + p);
        }

        await using var source = CreateSource();
        var bounds = await source.CaptureBoundsAsync([topic], Token());
        var stored = new Dictionary<KafkaPartition, long> { [new(topic, 0)] = 12, [new(topic, 3)] = 40 };
        var plan = OffsetPlanner.Plan(bounds, stored, new Dictionary<KafkaPartition, long>(), StartingOffsets.Earliest, false);
        using var stop = new CancellationTokenSource();
        var firstRound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producing = KeepProducingAsync(topic, counts.Length, firstRound, stop.Token);
        await firstRound.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var batches = await ReadAllAsync(source, plan.Ranges);
        await stop.CancelAsync();
        await producing;

        // Records lay past every captured end while the source read: stopping at the log's end would have emitted them.
        foreach (var range in plan.Ranges)
        {
            HighWatermark(topic, range.Partition).ShouldBeGreaterThan(range.To, "partition " + range.Partition);
        }

        var read = batches.SelectMany(b => b.Records).Select(r => (r.Partition, r.Offset, Value: Text(r.Value))).ToList();
        var expected = new[] { (0, 12, 30), (1, 0, 1), (3, 40, 45) }
            .SelectMany(e => Enumerable.Range(e.Item2, e.Item3 - e.Item2).Select(o => (e.Item1, (long)o, $"p{e.Item1}-{o}")));
        read.OrderBy(r => r.Partition).ThenBy(r => r.Offset).ShouldBe(expected);
        FinalPositions(batches).ShouldBe([(0, 30L, true), (1, 1L, true), (3, 45L, true)]);
    }

    [Fact]
    public async Task ReadAsync_LastOffsetIsATransactionMarker_CompletesAtTheCapturedEndWithoutHanging()
    {
        var topic = kafka.CreateTopic("txn", partitions: 1);
        ProduceInTransaction(topic, count: 5);
        await using var source = CreateSource();
        var bounds = (await source.CaptureBoundsAsync([topic], Token())).Single();

        var batches = await ReadAllAsync(source, [new PartitionRange(topic, 0, bounds.Earliest, bounds.End)]);

        bounds.End.ShouldBe(6, "five records and the commit marker");
        batches.SelectMany(b => b.Records).Select(r => r.Offset).ShouldBe([0L, 1L, 2L, 3L, 4L]);
        FinalPositions(batches).ShouldBe([(0, 6L, true)]);
    }

    [Fact]
    public async Task ReadAsync_FetchesFailTransiently_RetriesAndReadsEverything()
    {
        var topic = kafka.CreateTopic("fetcherrors", partitions: 3);
        for (var p = 0; p < 3; p++)
        {
            await kafka.ProduceAsync(topic, p, count: 5, prefix: "p" + p);
        }

        await using var source = CreateSource();
        var bounds = await source.CaptureBoundsAsync([topic], Token());
        kafka.Cluster.PushRequestErrors(1, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotLeaderForPartition);

        var batches = await ReadAllAsync(source, bounds.Select(b => new PartitionRange(b.Topic, b.Partition, b.Earliest, b.End)).ToList());

        batches.SelectMany(b => b.Records).Select(r => (r.Partition, r.Offset)).OrderBy(r => r)
            .ShouldBe(Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, 5).Select(o => (p, (long)o))));
    }

    [Fact]
    public async Task ReadAsync_SmallChunkLimit_SplitsIntoChunksNoLargerThanTheLimit()
    {
        var topic = kafka.CreateTopic("chunks", partitions: 1);
        await kafka.ProduceAsync(topic, 0, count: 20);
        await using var source = CreateSource(o => o with { MaxChunkRecords = 7 });

        var batches = await ReadAllAsync(source, [new PartitionRange(topic, 0, 0, 20)]);

        batches.ShouldAllBe(b => b.Records.Count <= 7);
        batches.Sum(b => b.Records.Count).ShouldBe(20);
        batches.Sum(b => b.PayloadBytes).ShouldBe(batches.SelectMany(b => b.Records).Sum(r => r.PayloadBytes));
    }

    [Fact]
    public async Task ReadAsync_SamePartitionAgainOnTheSameSource_ReadsItAgain()
    {
        // A read pauses each partition as it reaches its end; the next read of that partition (backfill reads a
        // partition's tail to check a timestamp bound, then the range) must not start paused and stall.
        var topic = kafka.CreateTopic("again", partitions: 2);
        await kafka.ProduceAsync(topic, 0, count: 6);
        await kafka.ProduceAsync(topic, 1, count: 4);
        await using var source = CreateSource(o => o with { StallTimeout = TimeSpan.FromSeconds(5) });

        var first = await ReadAllAsync(source, [new PartitionRange(topic, 0, 3, 6), new PartitionRange(topic, 1, 0, 4)]);
        var second = await ReadAllAsync(source, [new PartitionRange(topic, 0, 0, 6)]);

        first.SelectMany(b => b.Records).Count().ShouldBe(7);
        second.SelectMany(b => b.Records).Select(r => (r.Partition, r.Offset)).ShouldBe(Enumerable.Range(0, 6).Select(o => (0, (long)o)));
    }

    [Fact]
    public async Task ReadAsync_TwoTopics_RecordsCarryTheRangesTopicInstance()
    {
        // Downstream per-record lookups take a reference-equality fast path on the topic (KafkaOffsetTracker).
        var clicks = new string(kafka.CreateTopic("same-clicks", partitions: 1).AsSpan());
        var views = new string(kafka.CreateTopic("same-views", partitions: 1).AsSpan());
        await kafka.ProduceAsync(clicks, 0, count: 4);
        await kafka.ProduceAsync(views, 0, count: 3);
        await using var source = CreateSource();

        var records = (await ReadAllAsync(source, [new PartitionRange(clicks, 0, 0, 4), new PartitionRange(views, 0, 0, 3)]))
            .SelectMany(b => b.Records).ToList();

        records.Count.ShouldBe(7);
        records.ShouldAllBe(r => ReferenceEquals(r.Topic, clicks) || ReferenceEquals(r.Topic, views));
    }

    [Fact]
    public async Task ReadAsync_OnlyEmptyRanges_EndsAtOnceWithoutReading()
    {
        var topic = kafka.CreateTopic("idle", partitions: 2);
        await kafka.ProduceAsync(topic, 0, count: 3);
        await using var source = CreateSource();
        var bounds = await source.CaptureBoundsAsync([topic], Token());
        var stored = new Dictionary<KafkaPartition, long> { [new(topic, 0)] = 3 };
        var plan = OffsetPlanner.Plan(bounds, stored, new Dictionary<KafkaPartition, long>(), StartingOffsets.Earliest, false);

        var batches = await ReadAllAsync(source, plan.Ranges);

        plan.Ranges.ShouldAllBe(r => r.IsEmpty);
        batches.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadAsync_IdlePartitionBesideBusyOne_ReadsOnlyTheBusyOne()
    {
        var topic = kafka.CreateTopic("mixed", partitions: 2);
        await kafka.ProduceAsync(topic, 1, count: 5, prefix: "p1");
        await using var source = CreateSource();
        var bounds = await source.CaptureBoundsAsync([topic], Token());
        var plan = OffsetPlanner.Plan(bounds, new Dictionary<KafkaPartition, long>(), new Dictionary<KafkaPartition, long>(),
            StartingOffsets.Earliest, false);

        var batches = await ReadAllAsync(source, plan.Ranges);

        batches.SelectMany(b => b.Records).Select(r => (r.Partition, r.Offset)).ShouldBe(
            Enumerable.Range(0, 5).Select(o => (1, (long)o)));
        FinalPositions(batches).ShouldBe([(1, 5L, true)]);
    }

    [Fact]
    public async Task ReadAsync_TombstoneWithoutKey_KeepsNullsAndProducerTimestamp()
    {
        var topic = kafka.CreateTopic("tombstone", partitions: 1);
        var timestamp = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        using (var producer = kafka.CreateProducer())
        {
            await producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = null, Value = null, Timestamp = new Timestamp(timestamp) });
        }

        await using var source = CreateSource();
        var record = (await ReadAllAsync(source, [new PartitionRange(topic, 0, 0, 1)])).SelectMany(b => b.Records).Single();

        record.Key.ShouldBeNull();
        record.Value.ShouldBeNull();
        record.TimestampType.ShouldBe(KafkaTimestampType.CreateTime);
        record.TimestampMs.ShouldBe(new DateTimeOffset(timestamp).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task ReadAsync_KeysEmptyValuesAndLargeValues_ArriveAsProduced()
    {
        var topic = kafka.CreateTopic("payload-shapes", partitions: 1);
        var large = Enumerable.Range(0, 300_000).Select(i => (byte)('a' + i % 26)).ToArray();
        using (var producer = kafka.CreateProducer())
        {
            await producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = "k1"u8.ToArray(), Value = [] });
            await producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = [], Value = "v"u8.ToArray() });
            await producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = null, Value = large });
        }

        await using var source = CreateSource();
        var records = (await ReadAllAsync(source, [new PartitionRange(topic, 0, 0, 3)])).SelectMany(b => b.Records).ToList();

        records.Select(r => Text(r.Key)).ShouldBe(["k1", "", "<null>"]);
        records.Select(r => Text(r.Value)).ShouldBe(["", "v", Encoding.ASCII.GetString(large)]);
        records.Select(r => r.PayloadBytes).ShouldBe([2L, 1L, large.Length]);
    }

    [Fact]
    public async Task ReadAsync_ManySmallChunksEachReadAheadOfTheCaller_EachChunkHoldsItsOwnRecordsWhileItIsCurrent()
    {
        var topic = kafka.CreateTopic("chunk-memory", partitions: 2);
        await kafka.ProduceAsync(topic, 0, count: 200, prefix: "p0");
        await kafka.ProduceAsync(topic, 1, count: 150, prefix: "p1");
        await using var source = CreateSource(o => o with { MaxChunkRecords = 7 });

        var seen = new List<(int Partition, long Offset, string Value)>();
        var chunks = 0;
        await foreach (var batch in source.ReadAsync([new PartitionRange(topic, 0, 0, 200), new PartitionRange(topic, 1, 0, 150)], Token()))
        {
            chunks++;
            // The caller is slow: the next chunk is read meanwhile, into the reader's other buffers, not this chunk's.
            await Task.Delay(20);
            seen.AddRange(batch.Records.Select(r => (r.Partition, r.Offset, Text(r.Value))));
        }

        chunks.ShouldBeGreaterThan(40);
        // Read while its chunk is current, every value is its own record's ("p<partition>-<offset>").
        seen.ShouldAllBe(r => r.Value == "p" + r.Partition + "-" + r.Offset);
        seen.Select(r => (r.Partition, r.Offset)).Distinct().Count().ShouldBe(350);
    }

    [Fact]
    public async Task ReadAsync_CallerStopsWhileAChunkIsReadAhead_TheSourceReadsAgainAfterwards()
    {
        var topic = kafka.CreateTopic("read-ahead-stop", partitions: 1);
        await kafka.ProduceAsync(topic, 0, count: 100, prefix: "p0");
        await using var source = CreateSource(o => o with { MaxChunkRecords = 5 });
        var range = new PartitionRange(topic, 0, 0, 100);

        await foreach (var _ in source.ReadAsync([range], Token()))
        {
            break;
        }

        var again = new List<long>();
        await foreach (var batch in source.ReadAsync([range], Token()))
        {
            again.AddRange(batch.Records.Select(r => r.Offset));
        }

        again.ShouldBe(Enumerable.Range(0, 100).Select(o => (long)o));
    }

    [Fact]
    public async Task ReadAsync_CallerFailsWhileTheReadAheadWaitsForRecords_StopsAtOnceNotAfterTheStallTimeout()
    {
        var topic = kafka.CreateTopic("read-ahead-fail", partitions: 1);
        await kafka.ProduceAsync(topic, 0, count: 10, prefix: "p0");
        await using var source = CreateSource(o => o with { MaxChunkRecords = 5, StallTimeout = TimeSpan.FromSeconds(30) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // The range ends past what the topic holds: once offset 9 was handed out, the chunk read ahead waits for more.
        var error = await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await foreach (var batch in source.ReadAsync([new PartitionRange(topic, 0, 0, 50)], Token()))
            {
                if (batch.Records.Any(r => r.Offset == 9))
                {
                    await Task.Delay(300);
                    throw new InvalidOperationException("the caller's own failure");
                }
            }
        });

        error.Message.ShouldBe("the caller's own failure");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), "the caller waited for the read ahead's stall timeout");
    }

    [Fact]
    public async Task PlanAfterDeleteRecords_StoredOffsetBelowEarliest_ReportsTheDeletedRange()
    {
        var topic = kafka.CreateTopic("loss", partitions: 2);
        await kafka.ProduceAsync(topic, 1, count: 10);
        kafka.Cluster.DeleteRecordsBefore(topic, 1, 7);
        await using var source = CreateSource();
        var bounds = await source.CaptureBoundsAsync([topic], Token());
        var stored = new Dictionary<KafkaPartition, long> { [new(topic, 1)] = 4 };

        var plan = OffsetPlanner.Plan(bounds, stored, new Dictionary<KafkaPartition, long>(), StartingOffsets.Earliest, allowDataLoss: false);

        plan.BlockedGaps.ShouldBe([new DataLossGap(topic, 1, 4, 7)]);
        plan.NonEmptyRanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadAsync_RecordsDeletedAfterPlanning_FailsWithDataLossNamingTheRange()
    {
        var topic = kafka.CreateTopic("lossduringrun", partitions: 1);
        await kafka.ProduceAsync(topic, 0, count: 10);
        kafka.Cluster.DeleteRecordsBefore(topic, 0, 8);
        await using var source = CreateSource();

        var error = await Should.ThrowAsync<DataLossException>(() => ReadAllAsync(source, [new PartitionRange(topic, 0, 3, 10)]));

        error.Gaps.ShouldBe([new DataLossGap(topic, 0, 3, 8)]);
    }

    [Fact]
    public async Task ReadAsync_EndBeyondWhatTheTopicHas_FailsAfterStallTimeoutNamingThePartition()
    {
        var topic = kafka.CreateTopic("stall", partitions: 1);
        await kafka.ProduceAsync(topic, 0, count: 2);
        await using var source = CreateSource(o => o with { StallTimeout = TimeSpan.FromSeconds(1) });

        var error = await Should.ThrowAsync<KafkaSourceException>(() => ReadAllAsync(source, [new PartitionRange(topic, 0, 0, 50)]));

        error.Message.ShouldContain($"{topic}[0] at offset 2");
        error.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task ReadAsync_Cancelled_StopsWaitingAndThrowsOperationCanceled()
    {
        var topic = kafka.CreateTopic("cancel", partitions: 1);
        await kafka.ProduceAsync(topic, 0, count: 2);
        await using var source = CreateSource();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var reading = Task.Run(async () =>
        {
            await foreach (var _ in source.ReadAsync([new PartitionRange(topic, 0, 0, 50)], cancel.Token))
            {
            }
        });

        await Should.ThrowAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task CommitGroupOffsetsAsync_ThenGetGroupOffsetsAsync_ReturnsCommittedAndOmitsOthers()
    {
        var topic = kafka.CreateTopic("group", partitions: 3);
        await kafka.ProduceAsync(topic, 0, count: 5);
        await kafka.ProduceAsync(topic, 2, count: 5);
        var group = "job-" + Guid.NewGuid().ToString("N");
        await using var source = CreateSource();

        await source.CommitGroupOffsetsAsync(group, new Dictionary<KafkaPartition, long> { [new(topic, 0)] = 5, [new(topic, 2)] = 3 }, Token());
        var offsets = await source.GetGroupOffsetsAsync(group, [new(topic, 0), new(topic, 1), new(topic, 2)], Token());

        offsets.OrderBy(o => o.Key.Partition).Select(o => (o.Key.Partition, o.Value)).ShouldBe([(0, 5L), (2, 3L)]);
    }

    [Fact]
    public async Task CommitGroupOffsetsAsync_Twice_LaterOffsetsWin()
    {
        var topic = kafka.CreateTopic("recommit", partitions: 1);
        await kafka.ProduceAsync(topic, 0, count: 9);
        var group = "job-" + Guid.NewGuid().ToString("N");
        await using var source = CreateSource();

        await source.CommitGroupOffsetsAsync(group, new Dictionary<KafkaPartition, long> { [new(topic, 0)] = 4 }, Token());
        await source.CommitGroupOffsetsAsync(group, new Dictionary<KafkaPartition, long>(), Token());
        await source.CommitGroupOffsetsAsync(group, new Dictionary<KafkaPartition, long> { [new(topic, 0)] = 9 }, Token());
        var offsets = await source.GetGroupOffsetsAsync(group, [new(topic, 0)], Token());

        offsets[new KafkaPartition(topic, 0)].ShouldBe(9);
    }

    [Fact]
    public void Create_ForbiddenPassthroughSettings_ListsEveryProblem()
    {
        var settings = new KafkaSettings
        {
            BootstrapServers = kafka.BootstrapServers,
            Passthrough = new Dictionary<string, string> { ["enable.auto.commit"] = "true", ["isolation.level"] = "read_uncommitted" },
        };

        var error = Should.Throw<ConfigurationException>(() =>
            ConfluentKafkaSource.Create(settings, new KafkaSourceOptions { GroupId = "g" }, TimeProvider.System, NullLogger.Instance));

        error.Problems.Count.ShouldBe(settings.Passthrough.Count);
        foreach (var key in settings.Passthrough.Keys)
        {
            error.Problems.ShouldContain(p => p.Contains("'" + key + "' cannot be configured"));
        }
    }

    private ConfluentKafkaSource CreateSource(Func<KafkaSourceOptions, KafkaSourceOptions>? configure = null)
    {
        var options = new KafkaSourceOptions { GroupId = "source-test", RequestTimeout = TimeSpan.FromSeconds(10) };
        return ConfluentKafkaSource.Create(
            new KafkaSettings { BootstrapServers = kafka.BootstrapServers }, configure?.Invoke(options) ?? options,
            TimeProvider.System, NullLogger.Instance);
    }

    /// <summary>Every batch, with copies of its payloads: a chunk's payload memory is reused by the next chunk.</summary>
    private static async Task<List<KafkaRecordBatch>> ReadAllAsync(IKafkaSource source, IReadOnlyList<PartitionRange> ranges)
    {
        var batches = new List<KafkaRecordBatch>();
        await foreach (var batch in source.ReadAsync(ranges, Token()))
        {
            batches.Add(batch with { Records = batch.Records.Select(Copy).ToList() });
        }

        return batches;
    }

    private static KafkaRecord Copy(KafkaRecord record) =>
        record with { Key = CopyOf(record.Key), Value = CopyOf(record.Value) };

    // Not `b.ToArray() : null`: that is a byte[] expression, and a null byte[] converts to an empty memory, not null.
    private static ReadOnlyMemory<byte>? CopyOf(ReadOnlyMemory<byte>? bytes) => bytes is { } b ? (ReadOnlyMemory<byte>?)b.ToArray() : null;

    private void ProduceInTransaction(string topic, int count)
    {
        var config = new ProducerConfig { BootstrapServers = kafka.BootstrapServers, TransactionalId = "txn-" + topic };
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
        producer.InitTransactions(TimeSpan.FromSeconds(30));
        producer.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            producer.Produce(new TopicPartition(topic, 0), new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes("t" + i) });
        }

        producer.CommitTransaction(TimeSpan.FromSeconds(30));
    }

    /// <summary>Produces "late" records round-robin until stopped; <paramref name="firstRound"/> completes once every partition got one.</summary>
    private async Task KeepProducingAsync(string topic, int partitions, TaskCompletionSource firstRound, CancellationToken stop)
    {
        using var producer = kafka.CreateProducer();
        for (var produced = 0; !stop.IsCancellationRequested; produced++)
        {
            var message = new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes("late") };
            await producer.ProduceAsync(new TopicPartition(topic, produced % partitions), message, CancellationToken.None);
            if (produced == partitions - 1)
            {
                firstRound.SetResult();
            }
        }
    }

    private long HighWatermark(string topic, int partition)
    {
        using var consumer = kafka.CreateConsumer("watermarks-" + Guid.NewGuid().ToString("N"));
        return consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10)).High.Value;
    }

    private static List<(int Partition, long NextOffset, bool IsComplete)> FinalPositions(List<KafkaRecordBatch> batches) =>
        batches.SelectMany(b => b.Positions).GroupBy(p => p.Partition)
            .Select(g => g.Last()).OrderBy(p => p.Partition).Select(p => (p.Partition, p.NextOffset, p.IsComplete)).ToList();

    private static string Text(ReadOnlyMemory<byte>? value) => value is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : "<null>";

    private static CancellationToken Token() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
