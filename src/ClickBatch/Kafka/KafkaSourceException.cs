using ClickBatch.Errors;

namespace ClickBatch.Kafka;

/// <summary>Kafka could not be read: a missing topic, unreachable brokers, a stalled partition, a refused commit.</summary>
public sealed class KafkaSourceException : ClickBatchException
{
    private readonly bool _isTransient;

    public KafkaSourceException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        _isTransient = isTransient;
    }

    public override bool IsTransient => _isTransient;
}
