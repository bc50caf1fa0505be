using ClickBatch.Decoding;
using ClickBatch.Errors;
using ClickBatch.Kafka;

namespace ClickBatch.Jobs.Schema;

/// <summary>
/// <c>clickbatch schema infer</c>: reads the newest records of a topic (up to the sample size, spread evenly over
/// its partitions) and infers a schema the configuration accepts (<see cref="SchemaInference"/>). Reads only: no group
/// offsets, no lake.
/// </summary>
public sealed class SchemaInferJob(IKafkaSource source)
{
    public async Task<InferredSchema> InferAsync(string topic, int sample, CancellationToken cancellationToken)
    {
        var bounds = await source.CaptureBoundsAsync([topic], cancellationToken);
        var perPartition = Math.Max(1, sample / Math.Max(1, bounds.Count));
        var ranges = bounds.Where(b => b.End > b.Earliest)
            .Select(b => new PartitionRange(b.Topic, b.Partition, Math.Max(b.Earliest, b.End - perPartition), b.End)).ToList();
        if (ranges.Count == 0)
        {
            throw new ClickBatchException("Topic '" + topic + "' holds no records to infer a schema from (every partition is empty).").With("Topic", topic);
        }

        var inference = new SchemaInference();
        await foreach (var batch in source.ReadAsync(ranges, cancellationToken))
        {
            foreach (var record in batch.Records)
            {
                inference.Add(record.Value is { } value ? value.Span : default);
            }
        }

        return inference.Result();
    }
}
