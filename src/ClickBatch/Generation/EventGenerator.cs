namespace ClickBatch.Generation;

/// <summary>Encodes a plan's records in produce order into a sink and counts what it wrote.</summary>
public static class EventGenerator
{
    private const int CancellationCheckInterval = 4096;

    /// <summary>Writes every record, then completes the sink (for Kafka: waits for every acknowledgement).</summary>
    public static async Task<GenerationSummary> WriteAsync(GenerationPlan plan, IRecordSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sink);
        var summary = Write(plan, sink, cancellationToken);
        await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private static GenerationSummary Write(GenerationPlan plan, IRecordSink sink, CancellationToken cancellationToken)
    {
        var summary = new GenerationSummary(plan.Options);
        using var encoder = RecordEncoder.For(plan);
        var records = plan.Records;
        for (var i = 0; i < records.Count; i++)
        {
            if (i % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var record = records[i];
            var encoded = encoder.Encode(record);
            var topic = summary.For(record.Topic);
            sink.Write(topic.Topic, record, encoded);
            topic.Add(record, encoded.Value.Length);
        }

        return summary;
    }
}
