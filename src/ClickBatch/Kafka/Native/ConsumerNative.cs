using System.Runtime.InteropServices;

namespace ClickBatch.Kafka.Native;

/// <summary>
/// The librdkafka consumer calls the consume loop makes itself (<c>rdkafka.h</c>), bound to the file Confluent.Kafka
/// loaded (see <see cref="LibrdkafkaLoader"/>). Call <see cref="LibrdkafkaLoader.EnsureLoaded"/> first.
/// </summary>
internal static unsafe partial class ConsumerNative
{
    private const string LibraryName = LibrdkafkaLoader.LibraryName;

    /// <summary><c>RD_KAFKA_RESP_ERR__PARTITION_EOF</c>: the message marks the end of a partition, not a record.</summary>
    internal const int PartitionEof = -191;

    /// <summary><c>RD_KAFKA_RESP_ERR__FATAL</c>: the real error is read with <see cref="FatalError"/>.</summary>
    internal const int Fatal = -150;

    /// <summary>Returns a message (or an error event) of the consumer queue, or 0 when none came within the timeout.</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_consumer_poll")]
    internal static partial RdKafkaMessage* ConsumerPoll(nint client, int timeoutMs);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_message_destroy")]
    internal static partial void MessageDestroy(RdKafkaMessage* message);

    /// <summary>The timestamp in ms since the epoch (-1 when not available) and its type (0 none, 1 create, 2 log append).</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_message_timestamp")]
    internal static partial long MessageTimestamp(RdKafkaMessage* message, out int timestampType);

    /// <summary>A string owned by the topic handle: copy it, never free it.</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_topic_name")]
    internal static partial nint TopicName(nint topic);

    /// <summary>The error text of an error message: owned by the message.</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_message_errstr")]
    internal static partial nint MessageErrorText(RdKafkaMessage* message);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_fatal_error")]
    internal static partial int FatalError(nint client, byte* errorText, nuint errorTextSize);
}
