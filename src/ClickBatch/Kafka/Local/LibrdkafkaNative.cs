using System.Runtime.InteropServices;
using ClickBatch.Kafka.Native;

namespace ClickBatch.Kafka.Local;

/// <summary>
/// The few librdkafka C functions the embedded cluster needs: a host client handle and the mock cluster API
/// (librdkafka's <c>rdkafka_mock.h</c>). The library name is resolved by <see cref="LibrdkafkaLoader"/> to the very
/// file Confluent.Kafka loaded, so both share one librdkafka instance.
/// </summary>
internal static unsafe partial class LibrdkafkaNative
{
    private const string LibraryName = LibrdkafkaLoader.LibraryName;

    /// <summary><c>RD_KAFKA_PRODUCER</c>: the host handle's type; it never produces.</summary>
    internal const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c>.</summary>
    internal const int ConfOk = 0;

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(nint conf, string name, string value, byte* errorText, nuint errorTextSize);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_new")]
    internal static partial nint New(int type, nint conf, byte* errorText, nuint errorTextSize);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(nint client);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial nint MockClusterNew(KafkaClientHandle client, int brokerCount);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void MockClusterDestroy(nint cluster);

    /// <summary>Returns a string owned by the cluster: copy it, never free it.</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial nint MockClusterBootstraps(MockClusterHandle cluster);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockTopicCreate(MockClusterHandle cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_partition_delete_records", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockPartitionDeleteRecords(MockClusterHandle cluster, string topic, int partition, long beforeOffset);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_down")]
    internal static partial int MockBrokerSetDown(MockClusterHandle cluster, int brokerId);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_up")]
    internal static partial int MockBrokerSetUp(MockClusterHandle cluster, int brokerId);

    /// <summary>The non-variadic form: the variadic <c>rd_kafka_mock_push_request_errors</c> is not portable.</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    internal static partial void MockPushRequestErrorsArray(MockClusterHandle cluster, short apiKey, nuint count, int* errors);
}
