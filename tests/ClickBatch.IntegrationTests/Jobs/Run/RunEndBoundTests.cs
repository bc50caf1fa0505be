using System.Text;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Kafka;
using ClickBatch.Ledger;
using Confluent.Kafka;

namespace ClickBatch.IntegrationTests.Jobs.Run;

/// <summary>
/// The end bound on the local Kafka: records produced after the bounds were captured wait for the next run, also
/// when the last offset below the bound holds no record (a transaction marker), so the first record the consumer
/// sees at or past the bound is exactly the one at the bound.
/// </summary>
public sealed class RunEndBoundTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task Run_RecordsProducedAfterTheBoundsBehindATransactionMarker_LandsExactlyFromStartToTheCapturedEnd()
    {
        using var harness = new RunHarness(kafka, partitions: 1);
        ProduceClicksInTransaction(harness.Clicks, count: 5);
        IReadOnlyList<PartitionBounds>? captured = null;

        var report = await harness.RunAsync(harness.Settings(maxRejectRatio: 1), wrapSource: source => new ProduceAfterBounds(source, async bounds =>
        {
            captured = bounds;
            await ProducePlainAsync(harness.Clicks, count: 3);
        }));

        report.Status.ShouldBe(RunStatus.Succeeded);
        var end = captured.ShouldNotBeNull().Single(b => b.Topic == harness.Clicks).End;
        harness.OffsetsInKafka(harness.Clicks).Max(o => o.Offset).ShouldBeGreaterThan(end, "records lie past the captured end");
        // Offsets [0, end) hold the five transactional records and the commit marker (no record) at end - 1.
        (await harness.OffsetsInLakeAsync(harness.Clicks)).Order().ShouldBe(Enumerable.Range(0, (int)end - 1).Select(o => (0, (long)o)));
        var next = await harness.RunAsync(harness.Settings(maxRejectRatio: 1));
        next.Topics.Single(t => t.Topic == harness.Clicks).Partitions.Single().StartOffset.ShouldBe(end);
        (await harness.OffsetsInLakeAsync(harness.Clicks)).Order().ShouldBe(harness.OffsetsInKafka(harness.Clicks)
            .Where(o => o.Offset != end - 1).Order());
    }

    private void ProduceClicksInTransaction(string topic, int count)
    {
        var config = new ProducerConfig { BootstrapServers = kafka.BootstrapServers, TransactionalId = "txn-" + topic };
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
        producer.InitTransactions(TimeSpan.FromSeconds(30));
        producer.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            producer.Produce(new TopicPartition(topic, 0), new Message<byte[]?, byte[]?> { Value = Click("t-" + i) });
        }

        producer.CommitTransaction(TimeSpan.FromSeconds(30));
    }

    private async Task ProducePlainAsync(string topic, int count)
    {
        using var producer = kafka.CreateProducer();
        for (var i = 0; i < count; i++)
        {
            await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<byte[]?, byte[]?> { Value = Click("late-" + i) });
        }
    }

    private static byte[] Click(string id) => Encoding.UTF8.GetBytes(
        $"{{\"click_id\":\"{id}\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"}}");

    /// <summary>Runs <paramref name="afterCapture"/> once the run captured its bounds, before it reads anything.</summary>
    private sealed class ProduceAfterBounds(IKafkaSource inner, Func<IReadOnlyList<PartitionBounds>, Task> afterCapture) : ForwardingKafkaSource(inner)
    {
        public override async Task<IReadOnlyList<PartitionBounds>> CaptureBoundsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken)
        {
            var bounds = await base.CaptureBoundsAsync(topics, cancellationToken);
            await afterCapture(bounds);
            return bounds;
        }
    }
}
