using Microsoft.Extensions.Logging;

namespace ClickBatch.Kafka.Local;

/// <summary>Log events of the embedded cluster (event ids 2100-2199).</summary>
internal static partial class LocalKafkaLog
{
    [LoggerMessage(2100, LogLevel.Information, "Local Kafka serving {Brokers} broker(s) at {BootstrapServers}")]
    public static partial void Serving(ILogger logger, int brokers, string bootstrapServers);

    [LoggerMessage(2101, LogLevel.Information, "Local Kafka topic {Topic} has {Partitions} partition(s)")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions);

    [LoggerMessage(2102, LogLevel.Information, "Local Kafka stopped; its records are gone")]
    public static partial void Stopped(ILogger logger);
}
