using Microsoft.Extensions.Logging;

namespace ClickBatch.Kafka;

/// <summary>Log events of the bounded Kafka source (event ids 2000-2099). Never payloads, never secrets.</summary>
internal static partial class KafkaSourceLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Captured bounds of {Topic}[{Partition}]: earliest {FromOffset}, end {ToOffset}")]
    public static partial void BoundsCaptured(ILogger logger, string topic, int partition, long fromOffset, long toOffset);

    [LoggerMessage(2001, LogLevel.Information, "Reading {PartitionCount} partition(s) with records up to their captured end; {IdleCount} idle partition(s) are done")]
    public static partial void ReadStarted(ILogger logger, int partitionCount, int idleCount);

    [LoggerMessage(2002, LogLevel.Debug, "Assigned {Topic}[{Partition}] from {FromOffset} to {ToOffset}")]
    public static partial void PartitionAssigned(ILogger logger, string topic, int partition, long fromOffset, long toOffset);

    [LoggerMessage(2003, LogLevel.Debug, "Finished {Topic}[{Partition}] at {ToOffset}")]
    public static partial void PartitionFinished(ILogger logger, string topic, int partition, long toOffset);

    [LoggerMessage(2004, LogLevel.Warning, "Kafka client error {ErrorCode}: {Reason}")]
    public static partial void ClientError(ILogger logger, string errorCode, string reason);

    [LoggerMessage(2007, LogLevel.Warning, "Kafka client error {ErrorCode}: {Reason} (and {Repeats} times more within {WindowSeconds} s before this, not logged)")]
    public static partial void ClientErrorRepeated(ILogger logger, string errorCode, string reason, int repeats, long windowSeconds);

    [LoggerMessage(2006, LogLevel.Warning, "Fetching {Topic}[{Partition}] failed with {ErrorCode}: {Reason}; the client retries")]
    public static partial void ConsumeErrorRetrying(ILogger logger, string topic, int partition, string errorCode, string reason);

    [LoggerMessage(2005, LogLevel.Debug, "librdkafka {Facility}: {Message}")]
    public static partial void ClientLog(ILogger logger, string facility, string message);

    [LoggerMessage(2010, LogLevel.Information, "Joining consumer group {GroupId} for topics {Topics}; the group coordinator assigns this task its partitions")]
    public static partial void GroupJoining(ILogger logger, string groupId, string topics);

    [LoggerMessage(2011, LogLevel.Information, "The group assigned {PartitionCount} partition(s): {Partitions}")]
    public static partial void GroupAssigned(ILogger logger, int partitionCount, string partitions);

    [LoggerMessage(2012, LogLevel.Information, "The group revokes {PartitionCount} partition(s): {Partitions}; committing what was read of them")]
    public static partial void GroupRevoked(ILogger logger, int partitionCount, string partitions);

    [LoggerMessage(2013, LogLevel.Error, "This task lost {PartitionCount} partition(s) to the group: {Partitions}")]
    public static partial void GroupLost(ILogger logger, int partitionCount, string partitions);
}
