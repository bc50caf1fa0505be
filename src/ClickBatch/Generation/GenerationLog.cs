using Microsoft.Extensions.Logging;

namespace ClickBatch.Generation;

/// <summary>Log events of <c>clickbatch generate</c> (event ids 4001-4099).</summary>
internal static partial class GenerationLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Planned {Records} records ({Clicks} clicks, {Checkouts} checkouts before duplicates and malformed records) from {From} to {To} with seed {Seed}")]
    public static partial void Planned(ILogger logger, int records, int clicks, long checkouts, string from, string to, ulong seed);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Topic {Topic} would get about {MiBPerPartition:F1} MiB per partition ({Partitions} partitions); librdkafka's mock cluster "
            + "(clickbatch local-kafka) keeps only about 5 MiB per partition and silently drops older batches. Produce fewer --clicks or use more partitions")]
    public static partial void PartitionBudgetExceeded(ILogger logger, string topic, double miBPerPartition, int partitions);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "Topic {Topic}: {Records} records acknowledged ({Bytes} value bytes)")]
    public static partial void TopicDone(ILogger logger, string topic, long records, long bytes);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information,
        Message = "Generated {Records} records in {Seconds:F2} s ({RecordsPerSecond:F0} records/s, planning excluded)")]
    public static partial void Finished(ILogger logger, long records, double seconds, double recordsPerSecond);

    [LoggerMessage(EventId = 4006, Message = "librdkafka {Facility}: {KafkaMessage}")]
    public static partial void KafkaClient(ILogger logger, LogLevel level, string facility, string kafkaMessage);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Wrote {Records} records to {Path}")]
    public static partial void FileDone(ILogger logger, long records, string path);
}
