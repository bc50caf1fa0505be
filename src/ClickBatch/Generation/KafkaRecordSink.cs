using ClickBatch.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Generation;

/// <summary>
/// Produces records to Kafka: key = user_id, timestamp = event time (CreateTime), idempotent, acks=all, lz4,
/// large batches. <see cref="CompleteAsync"/> flushes and fails if any delivery report carried an error.
/// </summary>
public sealed class KafkaRecordSink : IRecordSink
{
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan FlushSlice = TimeSpan.FromMilliseconds(500);

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private long _acknowledged;
    private long _failed;
    private DeliveryFailure? _firstFailure;

    private KafkaRecordSink(IProducer<byte[], byte[]> producer)
    {
        _producer = producer;
        _onDelivery = OnDelivery;
    }

    /// <summary>Records acknowledged by the broker so far.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>The producer settings: throughput (linger, 1 MB batches, lz4) and no loss or duplication (acks=all, idempotence).</summary>
    public static ProducerConfig CreateConfig(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        ClientId = "clickbatch-generate",
        LingerMs = 10,
        BatchSize = 1_000_000,
        CompressionType = CompressionType.Lz4,
        Acks = Acks.All,
        EnableIdempotence = true,
        QueueBufferingMaxMessages = 1_000_000,
        DeliveryReportFields = "status",
        // librdkafka's producer default is true: a metadata request for a typo'd topic would create it on a broker
        // with auto.create.topics.enable, and generate would fill it instead of failing (docs/generate.md).
        AllowAutoCreateTopics = false,
    };

    /// <summary>Creates the producer; librdkafka connects in the background, so this does no I/O.</summary>
    /// <param name="config">Producer settings, normally from <see cref="CreateConfig"/>.</param>
    /// <param name="logger">Receives librdkafka's own log lines (instead of raw stderr), repeats throttled.</param>
    /// <param name="clock">Times the repeat throttle (an unreachable broker repeats its error every ~50 ms).</param>
    public static KafkaRecordSink Create(ProducerConfig config, ILogger logger, TimeProvider clock)
    {
        var throttle = new RepeatThrottle(clock);
        return new(new ProducerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, message) =>
            {
                if (throttle.ShouldPass(message.Facility + ": " + message.Message, out var suppressed))
                {
                    GenerationLog.KafkaClient(logger, ToLogLevel(message.Level), message.Facility, message.Message + RepeatThrottle.RepeatsNote(suppressed));
                }
            })
            .SetErrorHandler((_, error) =>
            {
                if (throttle.ShouldPass(error.Code + ": " + error.Reason, out var suppressed))
                {
                    GenerationLog.KafkaClient(logger, LogLevel.Warning, "ERROR", error.Code + ": " + error.Reason + RepeatThrottle.RepeatsNote(suppressed));
                }
            })
            .Build());
    }

    /// <summary>Partition count of each topic from broker metadata; throws when a topic is missing or Kafka is unreachable.</summary>
    public Task<IReadOnlyDictionary<string, int>> GetPartitionCountsAsync(
        IReadOnlyList<string> topics, string bootstrapServers, CancellationToken cancellationToken) =>
        Task.Run(() => TopicMetadata.PartitionCounts(_producer.Handle, topics, bootstrapServers), cancellationToken);

    public void Write(string topic, in PlannedRecord record, EncodedRecord encoded)
    {
        var message = new Message<byte[], byte[]>
        {
            Key = encoded.Key.ToArray(),
            Value = encoded.IsTombstone ? null! : encoded.Value.ToArray(),
            Timestamp = new Timestamp(record.TimestampUnixMs, TimestampType.CreateTime),
        };
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, _onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Backpressure: the local queue holds queue.buffering.max.messages; serve delivery reports and retry.
                _producer.Poll(QueueFullWait);
            }
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await Task.Run(() => Flush(cancellationToken), cancellationToken).ConfigureAwait(false);
        if (Interlocked.Read(ref _failed) > 0 && Volatile.Read(ref _firstFailure) is { } failure)
        {
            throw EventProduceException.DeliveryFailed(failure.Topic, failure.Error, Interlocked.Read(ref _failed));
        }
    }

    public ValueTask DisposeAsync()
    {
        _producer.Dispose();
        return ValueTask.CompletedTask;
    }

    private static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        <= SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    private void Flush(CancellationToken cancellationToken)
    {
        while (_producer.Flush(FlushSlice) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (!report.Error.IsError)
        {
            Interlocked.Increment(ref _acknowledged);
            return;
        }

        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstFailure, new DeliveryFailure(report.Topic, report.Error.Code + ": " + report.Error.Reason), null);
    }

    private sealed record DeliveryFailure(string Topic, string Error);
}
