using ClickBatch.Errors;
using ClickBatch.Generation;
using ClickBatch.Tests.Support;
using Confluent.Kafka;

namespace ClickBatch.Tests.Generation;

public class KafkaRecordSinkTests
{
    [Fact]
    public void CreateConfig_Always_AsksForDurableIdempotentCompressedBatches()
    {
        var config = KafkaRecordSink.CreateConfig("127.0.0.1:9092");

        config.Acks.ShouldBe(Acks.All);
        config.EnableIdempotence.ShouldBe(true);
        config.CompressionType.ShouldBe(CompressionType.Lz4);
        config.LingerMs.ShouldNotBeNull().ShouldBeInRange(5, 20);
        config.BatchSize.ShouldBe(1_000_000);
    }

    [Fact]
    public async Task WriteAsync_NoBrokerListening_FailsNamingTheTopicAndTheError()
    {
        // Port 9 on loopback refuses connections, so every record times out undelivered.
        var config = KafkaRecordSink.CreateConfig("127.0.0.1:9");
        config.MessageTimeoutMs = 1_000;
        var plan = GenerationPlan.Create(GeneratorOptionsBuilder.Create(clicks: 5, checkoutsPerClick: 0, malformedRatio: 0));
        await using var sink = KafkaRecordSink.Create(config, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System);

        var ex = await Should.ThrowAsync<EventProduceException>(() => EventGenerator.WriteAsync(plan, sink, CancellationToken.None));

        ex.ExitCode.ShouldBe(ExitCodes.Failure);
        ex.Facts["Topic"].ShouldBe("clicks");
        ex.Facts["FailedRecords"].ShouldBe(5L);
        ex.Message.ShouldContain("topic 'clicks'");
        sink.Acknowledged.ShouldBe(0);
    }
}
