using ClickBatch.Errors;
using Confluent.Kafka;

namespace ClickBatch.Kafka;

/// <summary>
/// Builds librdkafka consumer settings: the user's settings, then the settings exactly-once reading depends on,
/// set in code so nothing can override them (see docs/kafka.md, "Settings").
/// </summary>
internal static class ConsumerConfigFactory
{
    private const string FetchQueueBackoffKey = "fetch.queue.backoff.ms";

    public static ConsumerConfig Create(KafkaSettings settings, KafkaSourceOptions options, string groupId)
    {
        var problems = settings.Validate().Concat(options.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        var config = new ConsumerConfig(settings.ToClientProperties().ToDictionary(StringComparer.Ordinal));
        config.ClientId ??= "clickbatch";
        config.GroupId = groupId;
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        config.IsolationLevel = IsolationLevel.ReadCommitted;
        config.AutoOffsetReset = AutoOffsetReset.Error;
        config.EnablePartitionEof = true;
        config.AllowAutoCreateTopics = false;
        config.QueuedMaxMessagesKbytes = options.QueuedMaxKilobytes;
        config.FetchMaxBytes = options.FetchMaxBytes;
        if (!settings.Passthrough.ContainsKey(FetchQueueBackoffKey))
        {
            // Not through the typed getter: it would parse the user's text and throw a bare FormatException; a bad value
            // is librdkafka's to refuse when the consumer is built (a configuration error, exit 2).
            config.FetchQueueBackoffMs = options.FetchQueueBackoffMs;
        }
        config.ConsumeResultFields = "topic,timestamp";
        // Group assignment (docs/scale-out.md): a task joining or leaving moves only the partitions that must move.
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        return config;
    }
}
