using ClickBatch.Errors;

namespace ClickBatch.Kafka;

/// <summary>
/// The Delta table (or the consumer group) says to continue at an offset the topic has not reached, or at a
/// partition the topic does not have: the topic was most likely deleted and recreated under the same name.
/// </summary>
public sealed class OffsetAheadOfTopicException : ClickBatchException
{
    public OffsetAheadOfTopicException(string message)
        : base(message)
    {
    }
}
