using System.Text;
using ClickBatch.Kafka.Local;
using Confluent.Kafka;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// One embedded Kafka (three brokers) per test class. Tests create their own uniquely named topics through
/// <see cref="CreateTopic"/>, so classes and tests never see each other's records and may run in parallel.
/// </summary>
public sealed class LocalKafkaFixture : IDisposable
{
    public LocalKafkaFixture()
    {
        Cluster = LocalKafkaCluster.Create(new LocalKafkaOptions(Brokers: 3, Topics: []));
    }

    public LocalKafkaCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>Creates a topic named <c>prefix-RANDOM</c> and returns its name.</summary>
    public string CreateTopic(string prefix, int partitions)
    {
        var name = prefix + "-" + Guid.NewGuid().ToString("N")[..12];
        Cluster.CreateTopic(name, partitions);
        return name;
    }

    public IProducer<byte[]?, byte[]?> CreateProducer() =>
        new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 0,
        }).Build();

    /// <summary>A manual-assignment consumer that never commits by itself and stops at errors instead of resetting.</summary>
    public ConsumerConfig ConsumerConfig(string groupId) => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Error,
        EnablePartitionEof = true,
    };

    public IConsumer<byte[]?, byte[]?> CreateConsumer(string groupId) =>
        new ConsumerBuilder<byte[]?, byte[]?>(ConsumerConfig(groupId)).Build();

    /// <summary>
    /// Produces <paramref name="count"/> records with values <c>{prefix}-{i}</c> to one partition, each in its own
    /// request (so each is its own batch), and returns their offsets.
    /// </summary>
    public async Task<IReadOnlyList<long>> ProduceAsync(string topic, int partition, int count, string prefix = "v")
    {
        using var producer = CreateProducer();
        var offsets = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            var message = new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes("k" + i),
                Value = Encoding.UTF8.GetBytes(prefix + "-" + i),
            };
            var result = await producer.ProduceAsync(new TopicPartition(topic, partition), message);
            offsets.Add(result.Offset.Value);
        }

        return offsets;
    }

    public void Dispose() => Cluster.Dispose();
}
