using ClickBatch.Configuration;
using ClickBatch.Decoding;
using ClickBatch.Errors;
using ClickBatch.Jobs.Backfill;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Parquet;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Tests.Jobs.Backfill;

/// <summary>
/// Range resolution and refusals of a backfill over a fake source (timestamps: the local Kafka has no
/// OffsetsForTimes). The lake is landed by a real run of the fake source first, so the stored offsets are real.
/// Fake records sit at timestamp 1,700,000,000,000 ms + offset.
/// </summary>
public sealed class BackfillPlannerTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task PlanAsync_TimestampBounds_ResolvePerPartitionToTheFirstRecordAtOrAfterThem()
    {
        var source = await LandedAsync(new FakeKafkaSource()
            .WithPartition("clicks", 0, Enumerable.Range(0, 20).Select(i => (long)i))
            .WithPartition("clicks", 1, [0, 1, 2, 10, 11, 12, 13, 14, 15, 16]));

        var plan = await PlanAsync(source, Bound(Epoch.AddMilliseconds(3)), Bound(Epoch.AddMilliseconds(12)));

        plan.Partitions.Select(p => (p.Partition, p.From, p.To)).ShouldBe([(0, 3L, 12L), (1, 10L, 12L)]);
    }

    [Fact]
    public async Task PlanAsync_TimeWindowWithoutRecordsInAPartition_KeepsItWithoutARange()
    {
        var source = await LandedAsync(new FakeKafkaSource()
            .WithPartition("clicks", 0, Enumerable.Range(0, 20).Select(i => (long)i))
            .WithPartition("clicks", 1, [0, 1, 2, 10, 11, 12]));

        var plan = await PlanAsync(source, Bound(Epoch.AddMilliseconds(4)), Bound(Epoch.AddMilliseconds(8)));

        plan.Partitions.Select(p => (p.Partition, p.From, p.To)).ShouldBe([(0, 4L, 8L), (1, 10L, 10L)]);
        plan.Ranges.Ranges.ShouldHaveSingleItem().Partition.ShouldBe(0);
        plan.Ranges.Predicate.ShouldBe("_kafka_partition = 0 AND _kafka_offset >= 4 AND _kafka_offset < 8");
    }

    [Fact]
    public async Task PlanAsync_ToAfterAnIdlePartitionsLastRecord_ReadsThatPartitionToItsEnd()
    {
        var source = await LandedAsync(new FakeKafkaSource()
            .WithPartition("clicks", 0, Enumerable.Range(0, 20).Select(i => (long)i))
            .WithPartition("clicks", 1, [0, 1, 2]));

        var plan = await PlanAsync(source, Bound(Epoch), Bound(Epoch.AddMilliseconds(10)));

        plan.Partitions.Select(p => (p.Partition, p.From, p.To)).ShouldBe([(0, 0L, 10L), (1, 0L, 3L)]);
    }

    [Fact]
    public async Task PlanAsync_FromAfterAnIdlePartitionsLastRecord_LeavesThatPartitionWithoutARange()
    {
        var source = await LandedAsync(new FakeKafkaSource()
            .WithPartition("clicks", 0, Enumerable.Range(0, 20).Select(i => (long)i))
            .WithPartition("clicks", 1, [0, 1, 2]));

        var plan = await PlanAsync(source, Bound(Epoch.AddMilliseconds(5)), Bound(Epoch.AddMilliseconds(15)));

        plan.Partitions.Select(p => (p.Partition, p.From, p.To)).ShouldBe([(0, 5L, 15L), (1, 3L, 3L)]);
        plan.Ranges.Ranges.ShouldHaveSingleItem().Partition.ShouldBe(0);
    }

    [Fact]
    public async Task PlanAsync_TimeWindowAfterEveryRecordWhileTheRunHasNotLandedTheNewestYet_ReplacesNothingInsteadOfRefusing()
    {
        var source = await LandedAsync(new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 2]));
        source.WithPartition("clicks", 0, [0, 1, 2, 3, 4, 5]);

        // Both bounds resolve to the end (6), past the stored 3: an empty window, not a range beyond the run's offsets.
        var plan = await PlanAsync(source, Bound(Epoch.AddDays(1)), Bound(Epoch.AddDays(2)));

        plan.Partitions.Select(p => (p.Partition, p.From, p.To)).ShouldBe([(0, 6L, 6L)]);
        plan.Ranges.Ranges.ShouldBeEmpty();
    }

    [Fact]
    public async Task PlanAsync_BrokerAnsweringNoOffsetThoughNewerRecordsExist_FailsNamingTopicPartitionAndTimestamp()
    {
        var source = await LandedAsync(new FakeKafkaSource { OffsetsForTimesAnswersEnd = true }
            .WithPartition("clicks", 0, Enumerable.Range(0, 20).Select(i => (long)i)));
        var from = Epoch.AddMilliseconds(2);

        var error = await Should.ThrowAsync<ConfigurationException>(() => PlanAsync(source, Bound(from), Offset(10)));

        var problem = error.Problems.ShouldHaveSingleItem();
        problem.ShouldContain("topic 'clicks' partition 0: the broker returned no offset for --from " + Bound(from));
        problem.ShouldContain("the broker does not resolve times to offsets");
        problem.ShouldContain("Give --from as an offset");
        error.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task PlanAsync_RangeBeyondStoredBelowEarliestAndEmpty_ListsEveryProblemAtOnce()
    {
        var source = await LandedAsync(new FakeKafkaSource()
            .WithPartition("clicks", 0, Enumerable.Range(5, 10).Select(i => (long)i), earliest: 5)
            .WithPartition("clicks", 1, Enumerable.Range(0, 10).Select(i => (long)i)));

        var error = await Should.ThrowAsync<ConfigurationException>(() => PlanAsync(source, Offset(2), Offset(16), partitions: [0]));
        var empty = await Should.ThrowAsync<ConfigurationException>(() => PlanAsync(source, Offset(7), Offset(7), partitions: [1]));

        error.Problems.Count.ShouldBe(2);
        error.Problems.ShouldContain(p => p.Contains("partition 0: --from 2 is below the earliest offset Kafka still holds (5)", StringComparison.Ordinal));
        error.Problems.ShouldContain(p => p.Contains("partition 0: --to 16 is beyond the offset both tables hold (15", StringComparison.Ordinal));
        empty.Problems.ShouldHaveSingleItem().ShouldContain("--from 7 is not below --to 7");
    }

    [Fact]
    public async Task PlanAsync_UnknownPartitionTopicOrTable_AreRefused()
    {
        var source = await LandedAsync(new FakeKafkaSource().WithPartition("clicks", 0, [0, 1, 2]));

        var unknown = await Should.ThrowAsync<ConfigurationException>(() => PlanAsync(source, Offset(0), Offset(2), partitions: [0, 7]));
        var fresh = new BackfillJob(new FakeKafkaSource().WithPartition("clicks", 0, [0]), ObjectStoreFactory.Create, null, TimeProvider.System, NullLoggerFactory.Instance);
        var unlanded = await Should.ThrowAsync<ConfigurationException>(() => fresh.PlanAsync(Options(Offset(0), Offset(1), null) with
        {
            Topic = Settings().Topics[0] with { TableUri = _dir.Sub("other"), RejectsTableUri = _dir.Sub("other_rejects") },
        }, CancellationToken.None));
        var ghostTopic = Settings().Topics[0] with { Schema = BuiltInSchemas.Clicks with { Topic = "ghost" } };
        var ghost = await Should.ThrowAsync<KafkaSourceException>(() => new BackfillJob(source, ObjectStoreFactory.Create, null, TimeProvider.System,
            NullLoggerFactory.Instance).PlanAsync(Options(Offset(0), Offset(1), null) with { Topic = ghostTopic }, CancellationToken.None));

        unknown.Problems.ShouldHaveSingleItem().ShouldContain("topic 'clicks' has no partition 7");
        ghost.Message.ShouldContain("Topic 'ghost' is not readable");
        ghost.ExitCode.ShouldBe(ExitCodes.Failure, "a topic Kafka lacks is exit 1 in every verb, as in run and status");
        unlanded.Problems.Count.ShouldBe(2);
        unlanded.Problems.ShouldAllBe(p => p.StartsWith("no Delta table at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlanAsync_ValidOffsets_TakesThemAsGivenWithStoredAndEarliest()
    {
        var source = await LandedAsync(new FakeKafkaSource().WithPartition("clicks", 0, Enumerable.Range(3, 10).Select(i => (long)i), earliest: 3));

        var plan = await PlanAsync(source, Offset(3), Offset(13));

        plan.Partitions.ShouldHaveSingleItem().ShouldBe(new BackfillPartition(0, 3, 13, Earliest: 3, Stored: 13));
        plan.Ranges.Predicate.ShouldBe("_kafka_partition = 0 AND _kafka_offset >= 3 AND _kafka_offset < 13");
    }

    private static OffsetBound Bound(DateTimeOffset at) => new(null, at);

    private static OffsetBound Offset(long offset) => new(offset, null);

    private string Lake => _dir.Sub("lake");

    private async Task<FakeKafkaSource> LandedAsync(FakeKafkaSource source)
    {
        var run = await new RunJob(Settings(), () => source, NullLoggerFactory.Instance, TimeProvider.System).ExecuteAsync(CancellationToken.None);
        run.ExitCode.ShouldBe(0);
        return source;
    }

    private Task<BackfillPlan> PlanAsync(FakeKafkaSource source, OffsetBound from, OffsetBound to, IReadOnlyList<int>? partitions = null) =>
        new BackfillJob(source, ObjectStoreFactory.Create, null, TimeProvider.System, NullLoggerFactory.Instance)
            .PlanAsync(Options(from, to, partitions), CancellationToken.None);

    private BackfillOptions Options(OffsetBound from, OffsetBound to, IReadOnlyList<int>? partitions) =>
        new() { Settings = Settings(), Topic = Settings().Topics[0], From = from, To = to, Partitions = partitions };

    private RunSettings Settings() => new()
    {
        JobId = "job",
        LakeUri = Lake,
        Kafka = new KafkaSettings { BootstrapServers = "fake:9092" },
        Source = new KafkaSourceOptions { GroupId = "g" },
        Topics = [new TopicSettings(BuiltInSchemas.Clicks, PartitionMode.EventDate, Lake + "/clicks", Lake + "/clicks_rejects")],
        MaxRejectRatio = 1,
        Files = new FileWriterOptions(),
        StagingDirectory = _dir.Sub("staging"),
    };
}
