using ClickBatch.Kafka;
using Confluent.Kafka;

namespace ClickBatch.Tests.Kafka;

public sealed class MessagePollerTests
{
    /// <summary>
    /// The consume loop reads Confluent.Kafka's librdkafka handle from an internal property: an upgrade that moves it
    /// must fail here, with the message that says so, not in a night's run.
    /// </summary>
    [Fact]
    public void ClientHandleOf_AConfluentConsumer_IsItsLiveLibrdkafkaHandle()
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(
            new ConsumerConfig { BootstrapServers = "127.0.0.1:1", GroupId = "handle-test" }).Build();

        var handle = MessagePoller.ClientHandleOf(consumer);

        handle.IsInvalid.ShouldBeFalse();
        handle.DangerousGetHandle().ShouldNotBe(0);
    }

    [Fact]
    public void Poll_NothingAssigned_ReturnsNothingWithinTheTimeout()
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(
            new ConsumerConfig { BootstrapServers = "127.0.0.1:1", GroupId = "poll-test" }).Build();
        using var poller = new MessagePoller(consumer, ["t"]);

        poller.Poll(TimeSpan.FromMilliseconds(10), new PayloadSlab(), (_, _, _) => true, out _).ShouldBe(PollResult.Nothing);
    }
}
