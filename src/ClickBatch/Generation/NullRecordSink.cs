namespace ClickBatch.Generation;

/// <summary>Discards records: <c>generate --dry-run</c> plans and encodes everything (and counts it) without a target.</summary>
public sealed class NullRecordSink : IRecordSink
{
    public void Write(string topic, in PlannedRecord record, EncodedRecord encoded)
    {
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
