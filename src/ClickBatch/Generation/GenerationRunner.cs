using Microsoft.Extensions.Logging;

namespace ClickBatch.Generation;

/// <summary>Runs a plan into its target (Kafka, a file, or nowhere) and logs what was produced.</summary>
public static class GenerationRunner
{
    /// <summary>
    /// Produces to Kafka: reads partition counts first (fails fast on a missing topic), warns when a loopback
    /// (mock) cluster would drop data, then returns once every record is acknowledged.
    /// </summary>
    public static async Task<GenerationSummary> ProduceAsync(
        GenerationPlan plan, string bootstrapServers, ILogger logger, CancellationToken cancellationToken, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await using var sink = KafkaRecordSink.Create(KafkaRecordSink.CreateConfig(bootstrapServers), logger, clock ?? TimeProvider.System);
        var topics = new[] { plan.Options.ClicksTopic, plan.Options.CheckoutsTopic };
        var partitions = await sink.GetPartitionCountsAsync(topics, bootstrapServers, cancellationToken).ConfigureAwait(false);
        if (PartitionBudget.IsLoopback(bootstrapServers))
        {
            WarnAboutMockRetention(plan, partitions, logger);
        }

        var summary = await EventGenerator.WriteAsync(plan, sink, cancellationToken).ConfigureAwait(false);
        foreach (var topic in new[] { summary.Clicks, summary.Checkouts })
        {
            GenerationLog.TopicDone(logger, topic.Topic, topic.Records, topic.ValueBytes);
        }

        return summary;
    }

    /// <summary>Writes the records to a file (<see cref="FileRecordSink"/> format).</summary>
    public static async Task<GenerationSummary> WriteFileAsync(GenerationPlan plan, string path, ILogger logger, CancellationToken cancellationToken)
    {
        await using var sink = FileRecordSink.Create(path);
        var summary = await EventGenerator.WriteAsync(plan, sink, cancellationToken).ConfigureAwait(false);
        GenerationLog.FileDone(logger, summary.Records, path);
        return summary;
    }

    /// <summary>Plans and encodes every record without writing it anywhere.</summary>
    public static Task<GenerationSummary> DryRunAsync(GenerationPlan plan, CancellationToken cancellationToken) =>
        EventGenerator.WriteAsync(plan, new NullRecordSink(), cancellationToken);

    private static void WarnAboutMockRetention(GenerationPlan plan, IReadOnlyDictionary<string, int> partitions, ILogger logger)
    {
        foreach (var topic in Enum.GetValues<EventTopic>())
        {
            var name = plan.Options.TopicName(topic);
            var bytes = PartitionBudget.EstimateBytesPerPartition(plan, topic, partitions[name]);
            if (bytes > PartitionBudget.MockBytesPerPartition)
            {
                GenerationLog.PartitionBudgetExceeded(logger, name, bytes / (1024 * 1024), partitions[name]);
            }
        }
    }
}
