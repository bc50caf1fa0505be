using System.Text;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Kafka.Local;
using Confluent.Kafka;

namespace ClickBatch.IntegrationTests.Kafka;

public sealed class LocalKafkaClusterTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void BootstrapServers_ThreeBrokers_ListsThreeLoopbackEndpoints()
    {
        var endpoints = kafka.BootstrapServers.Split(',');

        endpoints.Length.ShouldBe(3);
        endpoints.ShouldAllBe(e => e.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        endpoints.Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task Produce_ToOnePartition_AssignsConsecutiveOffsetsFromZero()
    {
        var topic = kafka.CreateTopic("produce", partitions: 2);

        var offsets = await kafka.ProduceAsync(topic, partition: 1, count: 5);

        offsets.ShouldBe([0L, 1L, 2L, 3L, 4L]);
    }

    [Fact]
    public async Task QueryWatermarkOffsets_AfterProducing_ReturnsZeroAndRecordCountPerPartition()
    {
        var topic = kafka.CreateTopic("watermarks", partitions: 3);
        await kafka.ProduceAsync(topic, partition: 0, count: 2);
        await kafka.ProduceAsync(topic, partition: 1, count: 5);
        using var consumer = kafka.CreateConsumer("watermarks");

        var highs = Enumerable.Range(0, 3)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), Timeout))
            .Select(w => (w.Low.Value, w.High.Value))
            .ToList();

        highs.ShouldBe([(0L, 2L), (0L, 5L), (0L, 0L)]);
    }

    [Fact]
    public async Task Consume_AssignedAtExplicitOffset_ReturnsRecordsInOrderUpToCapturedHighWatermark()
    {
        var topic = kafka.CreateTopic("assign", partitions: 1);
        var partition = new TopicPartition(topic, 0);
        await kafka.ProduceAsync(topic, 0, count: 10, prefix: "before");
        using var consumer = kafka.CreateConsumer("assign");
        var end = consumer.QueryWatermarkOffsets(partition, Timeout).High.Value;
        await kafka.ProduceAsync(topic, 0, count: 3, prefix: "after");

        consumer.Assign(new TopicPartitionOffset(partition, 4));
        var values = ConsumeUntil(consumer, end).Select(r => Encoding.UTF8.GetString(r.Message.Value!)).ToList();

        values.ShouldBe(Enumerable.Range(4, 6).Select(i => "before-" + i));
    }

    [Fact]
    public async Task Commit_OffsetsOfAGroup_AreReadBackByAnotherConsumerOfThatGroup()
    {
        var topic = kafka.CreateTopic("commit", partitions: 2);
        await kafka.ProduceAsync(topic, 0, count: 4);
        var group = "group-" + Guid.NewGuid().ToString("N");
        using (var writer = kafka.CreateConsumer(group))
        {
            writer.Commit([new TopicPartitionOffset(topic, 0, 3), new TopicPartitionOffset(topic, 1, 0)]);
        }

        using var reader = kafka.CreateConsumer(group);
        var committed = reader.Committed([new TopicPartition(topic, 0), new TopicPartition(topic, 1)], Timeout);

        committed.Select(c => (c.Partition.Value, c.Offset.Value)).OrderBy(c => c.Item1).ShouldBe([(0, 3L), (1, 0L)]);
    }

    [Fact]
    public void Committed_GroupThatNeverCommitted_ReturnsUnsetOffset()
    {
        var topic = kafka.CreateTopic("nocommit", partitions: 1);
        using var reader = kafka.CreateConsumer("group-" + Guid.NewGuid().ToString("N"));

        var committed = reader.Committed([new TopicPartition(topic, 0)], Timeout);

        committed.Single().Offset.ShouldBe(Offset.Unset);
    }

    [Fact]
    public void Consume_IdlePartition_ReportsEndOfPartitionAtOffsetZero()
    {
        var topic = kafka.CreateTopic("idle", partitions: 1);
        using var consumer = kafka.CreateConsumer("idle");
        var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), Timeout);

        consumer.Assign(new TopicPartitionOffset(topic, 0, 0));
        var result = consumer.Consume(Timeout);

        (watermarks.Low.Value, watermarks.High.Value).ShouldBe((0L, 0L));
        result.ShouldNotBeNull();
        result.IsPartitionEOF.ShouldBeTrue();
        result.Offset.Value.ShouldBe(0L);
    }

    [Fact]
    public async Task DeleteRecordsBefore_Offset_MovesLowWatermarkAndReadingBelowItFails()
    {
        var topic = kafka.CreateTopic("retention", partitions: 1);
        var partition = new TopicPartition(topic, 0);
        await kafka.ProduceAsync(topic, 0, count: 10);

        kafka.Cluster.DeleteRecordsBefore(topic, 0, 6);

        using var consumer = kafka.CreateConsumer("retention");
        var watermarks = consumer.QueryWatermarkOffsets(partition, Timeout);
        (watermarks.Low.Value, watermarks.High.Value).ShouldBe((6L, 10L));
        consumer.Assign(new TopicPartitionOffset(partition, 2));
        var error = Should.Throw<ConsumeException>(() => consumer.Consume(Timeout));
        error.Error.Code.ShouldBe(ErrorCode.Local_AutoOffsetReset);
    }

    [Fact]
    public void CreateTopic_ExistingName_FailsNamingTheTopic()
    {
        var topic = kafka.CreateTopic("twice", partitions: 1);

        var error = Should.Throw<ClickBatchException>(() => kafka.Cluster.CreateTopic(topic, 1));

        error.Message.ShouldContain(topic);
        error.Facts["Topic"].ShouldBe(topic);
    }

    [Fact]
    public void Create_InvalidOptions_ReportsEveryProblem()
    {
        var options = new LocalKafkaOptions(0, [new LocalTopic("a", 1), new LocalTopic("a", 2)]);

        var error = Should.Throw<ConfigurationException>(() => LocalKafkaCluster.Create(options));

        error.Problems.Count.ShouldBe(2);
        error.Problems.ShouldContain(p => p.Contains("--brokers is " + options.Brokers));
        error.Problems.ShouldContain(p => p.Contains("--topics names '" + options.Topics[0].Name + "' more than once"));
    }

    private static List<ConsumeResult<byte[]?, byte[]?>> ConsumeUntil(IConsumer<byte[]?, byte[]?> consumer, long end)
    {
        var results = new List<ConsumeResult<byte[]?, byte[]?>>();
        using var timeout = new CancellationTokenSource(Timeout);
        while (results.Count == 0 || results[^1].Offset.Value < end - 1)
        {
            var result = consumer.Consume(timeout.Token);
            if (!result.IsPartitionEOF)
            {
                results.Add(result);
            }
        }

        return results;
    }
}
