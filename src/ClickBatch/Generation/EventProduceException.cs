using ClickBatch.Errors;

namespace ClickBatch.Generation;

/// <summary>Generated records could not be produced: Kafka unreachable, a topic missing, or deliveries failed.</summary>
public sealed class EventProduceException : ClickBatchException
{
    private readonly bool _isTransient;

    private EventProduceException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException) => _isTransient = isTransient;

    public override bool IsTransient => _isTransient;

    public static EventProduceException DeliveryFailed(string topic, string error, long failedRecords) =>
        (EventProduceException)new EventProduceException(
            $"Expected every record to be acknowledged, but {failedRecords} deliveries failed; first failure on topic '{topic}': {error}. "
            + "Check that the broker is up and the topic exists, then rerun (the same --seed produces the same records).",
            isTransient: true)
        .With("Topic", topic).With("Error", error).With("FailedRecords", failedRecords);

    public static EventProduceException TopicMissing(string topic, string bootstrapServers, string error) =>
        (EventProduceException)new EventProduceException(
            $"Expected topic '{topic}' on {bootstrapServers}, but the broker answered: {error}. "
            + "Create it (clickbatch local-kafka creates clicks and checkouts) or name existing topics with --topics.",
            isTransient: false)
        .With("Topic", topic).With("Error", error);

    public static EventProduceException Unreachable(string bootstrapServers, Exception innerException) =>
        (EventProduceException)new EventProduceException(
            $"Expected Kafka at {bootstrapServers}, but could not read its metadata: {innerException.Message}. "
            + "Check --bootstrap-servers (clickbatch local-kafka prints the address it serves on).",
            isTransient: true, innerException)
        .With("BootstrapServers", bootstrapServers);
}
