using ClickBatch.Errors;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Kafka;

/// <summary>
/// The consume loop of one bounded read on an assigned consumer. Synchronous by design (librdkafka's poll
/// blocks); <see cref="ConfluentKafkaSource"/> runs each chunk on the thread pool. A partition is paused as soon
/// as it reaches its end, so records past the captured bound are never emitted and never buffered for long.
/// </summary>
internal sealed class BoundedReader(
    IConsumer<byte[]?, byte[]?> consumer, ReadProgress progress, KafkaSourceOptions options, TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly string[] _topics = progress.Topics.ToArray();
    private long _lastMove = clock.GetTimestamp();

    public ReadProgress Progress => progress;

    /// <summary>Reads until the chunk is full, the consumer has nothing buffered, or every partition is done.</summary>
    public KafkaRecordBatch ReadChunk(CancellationToken cancellationToken)
    {
        var records = new List<KafkaRecord>(Math.Min(options.MaxChunkRecords, 4096));
        long bytes = 0;
        while (records.Count < options.MaxChunkRecords && bytes < options.MaxChunkBytes && !progress.IsDone)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = Consume(records.Count == 0 ? PollInterval : TimeSpan.Zero);
            if (result is null)
            {
                if (records.Count > 0)
                {
                    break;
                }

                ThrowIfStalled();
                continue;
            }

            if (Handle(result) is { } record)
            {
                records.Add(record);
                bytes += record.PayloadBytes;
            }
        }

        return new KafkaRecordBatch(records, progress.TakeChanged(), bytes);
    }

    private KafkaRecord? Handle(ConsumeResult<byte[]?, byte[]?> result)
    {
        var key = new KafkaPartition(Canonical(result.Topic), result.Partition.Value);
        var wasComplete = progress.IsComplete(key);
        var moves = progress.Moves;
        var accepted = !result.IsPartitionEOF && progress.Accept(key, result.Offset.Value);
        if (result.IsPartitionEOF)
        {
            // End of partition: the next offset may lie past transaction markers that are never delivered.
            progress.AdvanceTo(key, result.Offset.Value);
        }

        _lastMove = progress.Moves != moves ? clock.GetTimestamp() : _lastMove;
        if (!wasComplete && progress.IsComplete(key))
        {
            consumer.Pause([new TopicPartition(key.Topic, key.Partition)]);
            KafkaSourceLog.PartitionFinished(logger, key.Topic, key.Partition, progress.PositionOf(key));
        }

        return accepted ? ToRecord(key.Topic, result) : null;
    }

    /// <summary>
    /// The range's instance of the topic name: the client allocates a new string per message, and downstream
    /// per-record lookups (offset tracking per file) take a reference-equality fast path on the topic.
    /// </summary>
    private string Canonical(string topic)
    {
        foreach (var known in _topics)
        {
            if (string.Equals(known, topic, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return topic;
    }

    private static KafkaRecord ToRecord(string topic, ConsumeResult<byte[]?, byte[]?> result)
    {
        var timestamp = result.Message.Timestamp;
        var type = timestamp.Type switch
        {
            TimestampType.CreateTime => KafkaTimestampType.CreateTime,
            TimestampType.LogAppendTime => KafkaTimestampType.LogAppendTime,
            _ => KafkaTimestampType.NotAvailable,
        };
        return new KafkaRecord(topic, result.Partition.Value, result.Offset.Value,
            timestamp.UnixTimestampMs, type, result.Message.Key, result.Message.Value);
    }

    private ConsumeResult<byte[]?, byte[]?>? Consume(TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException ex) when (ex.Error.Code is ErrorCode.Local_AutoOffsetReset or ErrorCode.OffsetOutOfRange)
        {
            throw OutOfRange(ex);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal && !IsRefusal(ex.Error.Code))
        {
            // librdkafka retries failed fetches itself (leader moves, timeouts); the stall timeout bounds the wait.
            KafkaSourceLog.ConsumeErrorRetrying(logger, ex.ConsumerRecord?.Topic ?? "?", ex.ConsumerRecord?.Partition.Value ?? -1,
                ex.Error.Code.ToString(), ex.Error.Reason);
            return null;
        }
        catch (ConsumeException ex)
        {
            throw new KafkaSourceException(
                $"Reading Kafka failed: {ex.Error.Code} ({ex.Error.Reason}).", isTransient: false, ex)
                .With("Topic", ex.ConsumerRecord?.Topic).With("Partition", ex.ConsumerRecord?.Partition.Value);
        }
    }

    /// <summary>Errors no retry fixes: the cluster refuses these credentials or permissions.</summary>
    private static bool IsRefusal(ErrorCode code) => code is ErrorCode.TopicAuthorizationFailed
        or ErrorCode.GroupAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed
        or ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Authentication;

    /// <summary>
    /// The broker no longer has the offset being fetched (auto.offset.reset=error makes this surface instead of a
    /// silent jump): retention deleted records during the run. Reports the gap the same way the planner does.
    /// </summary>
    private ClickBatchException OutOfRange(ConsumeException ex)
    {
        var where = ex.ConsumerRecord?.TopicPartitionOffset;
        var position = where is null ? null : progress.Incomplete.FirstOrDefault(
            p => p.Partition == where.Partition.Value && string.Equals(p.Topic, where.Topic, StringComparison.Ordinal));
        if (position is null)
        {
            return new KafkaSourceException($"Kafka reports an offset out of range: {ex.Error.Reason}.", isTransient: false, ex);
        }

        var earliest = consumer.QueryWatermarkOffsets(where!.TopicPartition, options.RequestTimeout).Low.Value;
        return earliest > position.NextOffset
            ? new DataLossException([new DataLossGap(position.Topic, position.Partition, position.NextOffset, earliest)])
            : new KafkaSourceException(
                $"Kafka reports offset {position.NextOffset} of topic '{position.Topic}' partition {position.Partition} "
                + $"out of range, but its earliest offset is {earliest}: the partition was truncated or recreated.",
                isTransient: false, ex).With("Topic", position.Topic).With("Partition", position.Partition);
    }

    private void ThrowIfStalled()
    {
        if (clock.GetElapsedTime(_lastMove) <= options.StallTimeout)
        {
            return;
        }

        var waiting = string.Join(", ", progress.Incomplete.Select(p => $"{p.Key} at offset {p.NextOffset}"));
        throw new KafkaSourceException(
            $"No progress reading Kafka for {options.StallTimeout}: expected to reach the captured end offsets, but "
            + $"these partitions did not move: {waiting}. Check that the brokers are reachable and that no "
            + "transaction is left open on the topic; then rerun (completed work is kept).", isTransient: true)
            .With("Topic", progress.Incomplete.FirstOrDefault()?.Topic);
    }
}
