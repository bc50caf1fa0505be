using ClickBatch.Errors;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Kafka;

/// <summary>
/// The consume loop of one bounded read on an assigned consumer. Synchronous by design (librdkafka's poll
/// blocks); <see cref="ConfluentKafkaSource"/> runs each chunk on the thread pool. A partition is paused as soon
/// as it reaches its end, so records past the captured bound are never emitted and never buffered for long.
/// Records are polled with <see cref="MessagePoller"/> into reused <see cref="PayloadSlab"/>s, <c>buffers</c> of them
/// taken in turn: a chunk's records and payloads are valid until its buffer's next turn, <c>buffers</c> - 1
/// <see cref="ReadChunk"/>s later, so the next chunks can be read while the caller still writes this one
/// (<see cref="ConfluentKafkaSource.ReadAsync"/>).
/// </summary>
internal sealed class BoundedReader(
    IConsumer<byte[]?, byte[]?> consumer, ReadProgress progress, IEnumerable<string> topics, KafkaSourceOptions options, TimeProvider clock, ILogger logger,
    int buffers = 2)
    : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly MessagePoller _poller = new(consumer, topics);
    private readonly PayloadSlab[] _slabs = Enumerable.Range(0, buffers).Select(_ => new PayloadSlab()).ToArray();
    private readonly List<KafkaRecord>[] _chunks = Enumerable.Range(0, buffers).Select(_ => new List<KafkaRecord>()).ToArray();
    private int _turn;
    private PayloadSlab _slab = null!;
    private List<KafkaRecord> _records = [];
    private readonly List<TopicPartition> _toResume = [];
    private readonly List<TopicPartition> _toPause = [];
    private long _bytes;
    private bool _aborted;
    private readonly Func<string, int, long, bool> _wanted = (topic, partition, offset) => progress.Wants(new KafkaPartition(topic, partition), offset);
    private long _lastMove = clock.GetTimestamp();

    public ReadProgress Progress => progress;

    /// <summary>
    /// Reads until the chunk is full, the consumer has nothing buffered, or every partition is done. The previous
    /// chunk's payload memory is reused from here on. With <paramref name="pollOnce"/> it polls at least once even when
    /// every partition is done (group assignment: a rebalance is served only from inside a poll).
    /// </summary>
    public KafkaRecordBatch ReadChunk(CancellationToken cancellationToken, bool pollOnce = false)
    {
        (_slab, _records, _turn) = (_slabs[_turn], _chunks[_turn], (_turn + 1) % _slabs.Length);
        _slab.Reset();
        _records.Clear();
        _bytes = 0;
        while (!_aborted && (pollOnce || (_records.Count < options.MaxChunkRecords && _bytes < options.MaxChunkBytes && !progress.IsDone)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var idle = pollOnce && progress.IsDone;
            pollOnce = false;
            var result = Poll(_records.Count == 0 ? PollInterval : TimeSpan.Zero, out var record);
            if (result == PollResult.Nothing)
            {
                if (_records.Count > 0 || idle)
                {
                    break;
                }

                ThrowIfStalled();
                continue;
            }

            if (Handle(result, record))
            {
                _records.Add(record);
                _bytes += record.PayloadBytes;
            }
        }

        // The list itself, not a copy: a copy of 16,000 records (1.3 MB) per chunk was a large-object allocation each time.
        return new KafkaRecordBatch(_records, progress.TakeChanged(), _bytes);
    }

    /// <summary>
    /// The group revoked these partitions (called from inside a poll): drops their records from the chunk being read, which
    /// no one was handed yet, and takes them out of the read.
    /// </summary>
    public void Forget(IReadOnlyCollection<KafkaPartition> partitions)
    {
        _records.RemoveAll(r => partitions.Contains(new KafkaPartition(r.Topic, r.Partition)));
        _bytes = _records.Sum(r => (long)r.PayloadBytes);
        progress.Remove(partitions);
    }

    /// <summary>A rebalance failed (called from inside a poll): the chunk ends now and the read stops with that failure.</summary>
    public void Abort() => _aborted = true;

    /// <summary>The group assigned partitions: they are read from their ranges' starts (called from inside a poll).</summary>
    public void Add(IReadOnlyList<PartitionRange> ranges)
    {
        progress.Add(ranges);
        _lastMove = clock.GetTimestamp();
    }

    /// <summary>
    /// Once the poll that assigns them returns: partitions to read are resumed (librdkafka keeps a pause from an earlier
    /// assignment), partitions with nothing to read are paused.
    /// </summary>
    public void AfterAssign(IEnumerable<KafkaPartition> toRead, IEnumerable<KafkaPartition> idle)
    {
        _toResume.AddRange(toRead.Select(k => new TopicPartition(k.Topic, k.Partition)));
        _toPause.AddRange(idle.Select(k => new TopicPartition(k.Topic, k.Partition)));
    }

    public void Dispose() => _poller.Dispose();

    /// <summary>Moves the partition's progress; true when the record is one to emit (inside its range).</summary>
    private bool Handle(PollResult result, in KafkaRecord record)
    {
        var key = new KafkaPartition(record.Topic, record.Partition);
        var wasComplete = progress.IsComplete(key);
        var moves = progress.Moves;
        var endOfPartition = result == PollResult.EndOfPartition;
        var accepted = !endOfPartition && progress.Accept(key, record.Offset);
        if (accepted && result == PollResult.Unwanted)
        {
            throw new InvalidOperationException($"Internal error: {key} offset {record.Offset} was refused before its payloads were "
                + "copied, then accepted: it would land without them. Nothing of this chunk was committed. This is a ClickBatch bug.");
        }

        if (endOfPartition)
        {
            // End of partition: the next offset may lie past transaction markers that are never delivered.
            progress.AdvanceTo(key, record.Offset);
        }

        _lastMove = progress.Moves != moves ? clock.GetTimestamp() : _lastMove;
        if (!wasComplete && progress.IsComplete(key))
        {
            consumer.Pause([new TopicPartition(key.Topic, key.Partition)]);
            KafkaSourceLog.PartitionFinished(logger, key.Topic, key.Partition, progress.PositionOf(key));
        }

        return accepted;
    }

    private PollResult Poll(TimeSpan timeout, out KafkaRecord record)
    {
        try
        {
            var result = _poller.Poll(timeout, _slab, _wanted, out record);
            ApplyPendingPauses();
            return result;
        }
        catch (ConsumeException ex) when (ex.Error.Code is ErrorCode.Local_AutoOffsetReset or ErrorCode.OffsetOutOfRange)
        {
            throw OutOfRange(ex);
        }
        catch (ConsumeException ex) when (IsUndeliverableRecord(ex.Error.Code, ex.ConsumerRecord?.Partition.Value ?? -1))
        {
            // The client read a record it cannot deliver and would move on past it: going on would skip it silently.
            throw new KafkaSourceException(
                $"Kafka delivered an error instead of the record at topic '{ex.ConsumerRecord!.Topic}' partition "
                + $"{ex.ConsumerRecord.Partition.Value} offset {ex.ConsumerRecord.Offset.Value}: {ex.Error.Code} ({ex.Error.Reason}). "
                + "ClickBatch never skips a record: nothing after the last commit was landed. Check the topic's data (kcat -C -o "
                + $"{ex.ConsumerRecord.Offset.Value} -c 1), the producer's compression codec and the broker's logs; then rerun.",
                isTransient: false, ex).With("Topic", ex.ConsumerRecord.Topic).With("Partition", ex.ConsumerRecord.Partition.Value);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal && !IsRefusal(ex.Error.Code))
        {
            // librdkafka retries failed fetches itself (leader moves, timeouts); the stall timeout bounds the wait.
            KafkaSourceLog.ConsumeErrorRetrying(logger, ex.ConsumerRecord?.Topic ?? "?", ex.ConsumerRecord?.Partition.Value ?? -1,
                ex.Error.Code.ToString(), ex.Error.Reason);
            record = default;
            return PollResult.Nothing;
        }
        catch (ConsumeException ex)
        {
            throw new KafkaSourceException(
                $"Reading Kafka failed: {ex.Error.Code} ({ex.Error.Reason}).", isTransient: false, ex)
                .With("Topic", ex.ConsumerRecord?.Topic).With("Partition", ex.ConsumerRecord?.Partition.Value);
        }
    }

    private void ApplyPendingPauses()
    {
        if (_toResume.Count > 0)
        {
            consumer.Resume(_toResume);
            _toResume.Clear();
        }

        if (_toPause.Count > 0)
        {
            consumer.Pause(_toPause);
            _toPause.Clear();
        }
    }

    /// <summary>
    /// A record-level error: librdkafka could not decode (corrupt, bad compression) or size the record at a partition's
    /// position and hands out the error in its place. Unlike fetch errors, which librdkafka retries itself, the
    /// consumer's position moves past it, so treating it as a retry would skip the record.
    /// </summary>
    internal static bool IsUndeliverableRecord(ErrorCode code, int partition) => partition >= 0 && code is ErrorCode.Local_BadMsg
        or ErrorCode.Local_BadCompression or ErrorCode.InvalidMsg or ErrorCode.InvalidMsgSize or ErrorCode.MsgSizeTooLarge;

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
