using System.Text;
using ClickBatch.IntegrationTests.Support;
using Confluent.Kafka;

namespace ClickBatch.IntegrationTests.Kafka;

public sealed class LocalKafkaProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(PosixSignals.SigTerm)]
    [InlineData(PosixSignals.SigInt)]
    public async Task LocalKafkaCommand_Signalled_ServesRecordsUntilThenExitsZero(int signal)
    {
        using var process = ClickBatchProcess.Start("local-kafka", "--brokers", "2", "--topics", "events:3");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(Timeout);
        line.ShouldNotBeNull();
        line.ShouldStartWith("bootstrap.servers=127.0.0.1:");
        var bootstrap = line["bootstrap.servers=".Length..];

        var received = await RoundTripAsync(bootstrap, "events", partition: 2);
        PosixSignals.Send(process.Id, signal);
        var exitCode = await process.WaitForExitAsync(Timeout);

        received.ShouldBe("hello");
        bootstrap.Split(',').Length.ShouldBe(2);
        exitCode.ShouldBe(0, await process.StandardError);
        (await process.StandardOutput.ReadToEndAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task LocalKafkaCommand_InvalidOptions_ExitsTwoListingEveryProblem()
    {
        using var process = ClickBatchProcess.Start("local-kafka", "--brokers", "0", "--topics", "ok:1,bad:x");

        var exitCode = await process.WaitForExitAsync(Timeout);

        exitCode.ShouldBe(2);
        var error = await process.StandardError;
        error.ShouldContain("--brokers is 0");
        error.ShouldContain("'bad:x'");
    }

    private static async Task<string> RoundTripAsync(string bootstrap, string topic, int partition)
    {
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<Null, string> { Value = "hello" });
        }

        var config = new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "process-test", EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        consumer.Assign(new TopicPartitionOffset(topic, partition, 0));
        var result = consumer.Consume(Timeout);
        return Encoding.UTF8.GetString(result.Message.Value);
    }
}
