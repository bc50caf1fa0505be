namespace ClickBatch.Generation;

/// <summary>
/// Estimates how many bytes a run puts on each partition, to warn before librdkafka's mock cluster silently drops
/// older batches (it keeps about 5 MiB per partition; README, "Local Kafka").
/// </summary>
public static class PartitionBudget
{
    /// <summary>What the mock keeps per partition, in bytes.</summary>
    public const long MockBytesPerPartition = 5L * 1024 * 1024;

    /// <summary>lz4 shrinks these JSON batches about this much (measured, docs/generate.md); the mock stores them compressed.</summary>
    public const double CompressionRatio = 2.8;

    /// <summary>Key, timestamp and record header bytes per record, before compression.</summary>
    public const int RecordOverheadBytes = 20;

    private const int SampleSize = 2_000;

    /// <summary>Estimated stored bytes per partition of a topic, from a sample of its records' encoded sizes.</summary>
    public static double EstimateBytesPerPartition(GenerationPlan plan, EventTopic topic, int partitions)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        using var encoder = RecordEncoder.For(plan);
        long records = 0, sampled = 0, sampledBytes = 0;
        foreach (var record in plan.Records)
        {
            if (record.Topic != topic)
            {
                continue;
            }

            records++;
            if (sampled++ < SampleSize)
            {
                sampledBytes += encoder.Encode(record).Value.Length + RecordOverheadBytes;
            }
        }

        var averageBytes = sampled == 0 ? 0 : (double)sampledBytes / Math.Min(sampled, SampleSize);
        return records * averageBytes / CompressionRatio / partitions;
    }

    /// <summary>True when every bootstrap server is on this machine, where the mock cluster runs.</summary>
    public static bool IsLoopback(string bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(bootstrapServers);
        return bootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(server => server.StartsWith("127.", StringComparison.Ordinal)
                || server.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase)
                || server.StartsWith("[::1]", StringComparison.Ordinal));
    }
}
