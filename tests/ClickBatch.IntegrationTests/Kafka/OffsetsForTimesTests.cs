using ClickBatch.IntegrationTests.Support;
using ClickBatch.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Kafka;

/// <summary>
/// <see cref="ConfluentKafkaSource.GetOffsetsForTimesAsync"/> against the local Kafka. Its mock cluster answers every
/// offsets-for-times request with the logical end offset, -1 (see `clickbatch local-kafka --help`), so this checks
/// the wiring: one answer per partition asked, and -1 mapped to "no offset", never to a bound. Resolution itself is
/// tested with the fake source.
/// </summary>
public sealed class OffsetsForTimesTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task GetOffsetsForTimesAsync_LocalKafkaAnswersEnd_NoOffsetForEveryPartition()
    {
        var topic = kafka.CreateTopic("times", partitions: 2);
        await kafka.ProduceAsync(topic, 0, count: 5);
        await using var source = ConfluentKafkaSource.Create(new KafkaSettings { BootstrapServers = kafka.BootstrapServers },
            new KafkaSourceOptions { GroupId = "times-test", RequestTimeout = TimeSpan.FromSeconds(10) }, TimeProvider.System, NullLogger.Instance);

        var found = await source.GetOffsetsForTimesAsync(topic, [0, 1], DateTimeOffset.FromUnixTimeMilliseconds(0), CancellationToken.None);

        found.Keys.Order().ShouldBe([0, 1]);
        found[0].ShouldBeNull();
        found[1].ShouldBeNull();
    }
}
