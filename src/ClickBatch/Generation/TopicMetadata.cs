using Confluent.Kafka;

namespace ClickBatch.Generation;

/// <summary>Reads topic partition counts through a producer's connection (a Metadata request, not the admin API the mock lacks).</summary>
internal static class TopicMetadata
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static IReadOnlyDictionary<string, int> PartitionCounts(Handle handle, IReadOnlyList<string> topics, string bootstrapServers)
    {
        using var admin = new DependentAdminClientBuilder(handle).Build();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            counts[topic] = PartitionCount(admin, topic, bootstrapServers);
        }

        return counts;
    }

    private static int PartitionCount(IAdminClient admin, string topic, string bootstrapServers)
    {
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(topic, Timeout);
        }
        catch (KafkaException ex)
        {
            throw EventProduceException.Unreachable(bootstrapServers, ex);
        }

        var found = metadata.Topics.Find(t => string.Equals(t.Topic, topic, StringComparison.Ordinal));
        if (found is null || found.Error.IsError || found.Partitions.Count == 0)
        {
            throw EventProduceException.TopicMissing(topic, bootstrapServers, found?.Error.Reason ?? "not in metadata");
        }

        return found.Partitions.Count;
    }
}
