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

    /// <summary>
    /// Confluent.Kafka keeps an exception from inside its rebalance callback for its own Consume to rethrow. The poller
    /// bypasses Consume, so it must rethrow it itself: before, a group task waited 5 minutes for the stall timeout.
    /// </summary>
    [Fact]
    public void Poll_ConfluentKeptARebalanceFailure_ThrowsItOnceAsAKafkaSourceFailure()
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(
            new ConsumerConfig { BootstrapServers = "127.0.0.1:1", GroupId = "rebalance-test" }).Build();
        var field = MessagePoller.HandlerExceptionFieldOf(consumer).ShouldNotBeNull("Confluent.Kafka moved its handlerException field");
        using var poller = new MessagePoller(consumer, ["t"]);
        field.SetValue(consumer, new KafkaException(ErrorCode.Local_State, new InvalidOperationException("IncrementalAssign failed")));

        var error = Should.Throw<KafkaSourceException>(() => poller.Poll(TimeSpan.FromMilliseconds(10), new PayloadSlab(), (_, _, _) => true, out _));

        error.Message.ShouldContain("failed inside a consumer-group rebalance");
        error.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Failure);
        poller.Poll(TimeSpan.FromMilliseconds(10), new PayloadSlab(), (_, _, _) => true, out _).ShouldBe(PollResult.Nothing);
    }
}
