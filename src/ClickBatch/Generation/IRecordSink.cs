namespace ClickBatch.Generation;

/// <summary>Where generated records go: Kafka (<see cref="KafkaRecordSink"/>), a file (<see cref="FileRecordSink"/>), or a test's list.</summary>
public interface IRecordSink : IAsyncDisposable
{
    /// <summary>Takes one record; the spans of <paramref name="encoded"/> are only valid during the call.</summary>
    void Write(string topic, in PlannedRecord record, EncodedRecord encoded);

    /// <summary>Waits until every record written is stored (Kafka: acknowledged), or throws naming what failed.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}
