using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Kafka;

/// <summary>
/// Captures earliest and end of every partition once: metadata for the partition list, then one watermark query
/// per partition, <see cref="Parallelism"/> at a time (each is a round trip to the partition's leader; one after the
/// other, 1,500 partitions took most of a second). Runs before anything is assigned (a query on a partition being
/// fetched can wait a fetch cycle).
/// </summary>
internal sealed class BoundsCapture(IConsumer<byte[]?, byte[]?> consumer, TimeSpan timeout, string brokers, ILogger logger)
{
    /// <summary>Watermark queries in flight at once (librdkafka's query is thread-safe and blocks its caller).</summary>
    private const int Parallelism = 8;

    public IReadOnlyList<PartitionBounds> Capture(IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = topics.SelectMany(topic => ListPartitions(admin, topic).Select(partition => new KafkaPartition(topic, partition))).ToArray();
        return Capture(partitions, cancellationToken);
    }

    /// <summary>Earliest and end of these partitions, captured now (all of a topic's at start, or those the group just assigned).</summary>
    public IReadOnlyList<PartitionBounds> Capture(IReadOnlyList<KafkaPartition> partitions, CancellationToken cancellationToken)
    {
        var bounds = new PartitionBounds[partitions.Count];
        try
        {
            Parallel.For(0, partitions.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                i => bounds[i] = Query(partitions[i].Topic, partitions[i].Partition));
        }
        catch (AggregateException ex)
        {
            // The first failure as itself (a KafkaSourceException naming the partition), not wrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }

        return bounds;
    }

    private int[] ListPartitions(IAdminClient admin, string topic)
    {
        var metadata = ConfluentKafkaSource.Guard(() => admin.GetMetadata(topic, timeout), $"read the metadata of topic '{topic}'", brokers);
        var found = metadata.Topics.SingleOrDefault(t => string.Equals(t.Topic, topic, StringComparison.Ordinal));
        if (found is null || found.Error.IsError || found.Partitions.Count == 0)
        {
            var reason = found?.Error.IsError == true ? found.Error.Reason : "no partitions";
            throw (KafkaSourceException)new KafkaSourceException(
                    $"Topic '{topic}' is not readable on the Kafka cluster ({reason}). Expected an existing topic: "
                    + "check --topics and the bootstrap servers.",
                    isTransient: found?.Error.Code == ErrorCode.LeaderNotAvailable)
                .With("Topic", topic);
        }

        return found.Partitions.Select(p => p.PartitionId).Order().ToArray();
    }

    private PartitionBounds Query(string topic, int partition)
    {
        var watermarks = ConfluentKafkaSource.Guard(
            () => consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), timeout),
            $"query the offsets of topic '{topic}' partition {partition}", brokers);
        var bounds = new PartitionBounds(topic, partition, Math.Max(0, watermarks.Low.Value), Math.Max(0, watermarks.High.Value));
        KafkaSourceLog.BoundsCaptured(logger, topic, partition, bounds.Earliest, bounds.End);
        return bounds;
    }
}
