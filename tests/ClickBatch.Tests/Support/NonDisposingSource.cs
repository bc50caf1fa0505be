using ClickBatch.Kafka;

namespace ClickBatch.Tests.Support;

/// <summary>Keeps a fake source alive across runs: a job disposes the source it is given.</summary>
public sealed class NonDisposingSource(IKafkaSource inner) : ForwardingKafkaSource(inner)
{
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
