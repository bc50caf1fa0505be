using ClickBatch.Errors;
using ClickBatch.Generation;
using ClickBatch.IntegrationTests.Support;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Generation;

/// <summary>docs/generate.md: a missing topic fails before anything is produced, and is not created on the way.</summary>
public sealed class GenerateMissingTopicTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task ProduceAsync_ClicksTopicMissing_FailsNamingItWithoutCreatingIt()
    {
        var checkouts = kafka.CreateTopic("gen-checkouts", partitions: 1);
        var typo = "gen-clickz-" + Guid.NewGuid().ToString("N")[..8];
        var plan = GenerationPlan.Create(new GeneratorOptions
        {
            Clicks = 10, From = new DateOnly(2026, 11, 22), To = new DateOnly(2026, 11, 22), ClicksTopic = typo, CheckoutsTopic = checkouts,
        });

        var error = await Should.ThrowAsync<ClickBatchException>(() => GenerationRunner.ProduceAsync(plan, kafka.BootstrapServers, NullLogger.Instance, CancellationToken.None));

        error.Message.ShouldContain(typo);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        metadata.Topics.ShouldNotContain(t => t.Topic == typo && t.Error.Code == ErrorCode.NoError);
        using var consumer = kafka.CreateConsumer("gen-truth-" + Guid.NewGuid().ToString("N"));
        consumer.QueryWatermarkOffsets(new TopicPartition(checkouts, 0), TimeSpan.FromSeconds(10)).High.Value.ShouldBe(0);
    }
}
