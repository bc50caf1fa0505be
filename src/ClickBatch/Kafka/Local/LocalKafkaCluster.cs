using ClickBatch.Errors;
using ClickBatch.Kafka.Native;
using Confluent.Kafka;

namespace ClickBatch.Kafka.Local;

/// <summary>
/// An embedded Kafka-protocol cluster on 127.0.0.1: librdkafka's mock cluster, hosted in this process and reachable
/// over real TCP by any Kafka client (Confluent.Kafka, kcat) in any process. Used by <c>clickbatch local-kafka</c>,
/// <c>clickbatch demo</c> and the integration tests.
/// </summary>
/// <remarks>
/// Limits of the mock (plan tests around them): each partition keeps about 5 MiB (older batches are dropped
/// silently and the low watermark moves); no topic admin API (create topics with <see cref="CreateTopic"/>);
/// OffsetsForTimes always answers the end; read_committed returns aborted records.
/// </remarks>
public sealed class LocalKafkaCluster : IDisposable, IAsyncDisposable
{
    /// <summary>
    /// About how many bytes (as stored, i.e. compressed) the mock keeps per partition before it silently drops the
    /// oldest batches (it also keeps at most about 100,000 batches). Producers of demo data should stay below it.
    /// </summary>
    public const long ApproximateRetainedBytesPerPartition = 5L * 1024 * 1024;

    private readonly MockClusterHandle _cluster;

    private LocalKafkaCluster(MockClusterHandle cluster, int brokers)
    {
        _cluster = cluster;
        Brokers = brokers;
        BootstrapServers = NativeText.Read(LibrdkafkaNative.MockClusterBootstraps(cluster));
    }

    /// <summary>Comma-separated <c>127.0.0.1:PORT</c> of every broker, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    public int Brokers { get; }

    /// <summary>Starts the brokers and creates the configured topics; the cluster serves when this returns.</summary>
    public static LocalKafkaCluster Create(LocalKafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        var cluster = new LocalKafkaCluster(MockClusterHandle.Create(options.Brokers), options.Brokers);
        try
        {
            foreach (var topic in options.Topics)
            {
                cluster.CreateTopic(topic.Name, topic.Partitions);
            }

            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Creates a topic; replicas are spread over up to three brokers. Fails if it exists.</summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var replication = Math.Min(Brokers, 3);
        Check(LibrdkafkaNative.MockTopicCreate(_cluster, name, partitions, replication), $"create topic '{name}'", name);
    }

    /// <summary>
    /// Moves a partition's log start offset to <paramref name="beforeOffset"/> as retention would: the records
    /// below it are gone and the low watermark becomes <paramref name="beforeOffset"/>.
    /// </summary>
    public void DeleteRecordsBefore(string topic, int partition, long beforeOffset) =>
        Check(LibrdkafkaNative.MockPartitionDeleteRecords(_cluster, topic, partition, beforeOffset),
            $"delete records before offset {beforeOffset} in partition {partition} of topic '{topic}'", topic);

    /// <summary>Stops a broker answering (connections close); clients retry until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) =>
        Check(LibrdkafkaNative.MockBrokerSetDown(_cluster, brokerId), $"take down broker {brokerId}", topic: null);

    public void SetBrokerUp(int brokerId) =>
        Check(LibrdkafkaNative.MockBrokerSetUp(_cluster, brokerId), $"bring up broker {brokerId}", topic: null);

    /// <summary>Makes the next requests of one API (e.g. 1 = Fetch, 8 = OffsetCommit) fail with these errors, in order.</summary>
    public unsafe void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = errors.Select(e => (int)e).ToArray();
        fixed (int* first = codes)
        {
            LibrdkafkaNative.MockPushRequestErrorsArray(_cluster, apiKey, (nuint)codes.Length, first);
        }
    }

    public void Dispose() => _cluster.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Check(int errorCode, string action, string? topic)
    {
        if (errorCode != 0)
        {
            var error = new Error((ErrorCode)errorCode);
            throw new ClickBatchException($"The local Kafka could not {action}: {error.Code} ({error.Reason}).")
                .With("Topic", topic);
        }
    }
}
