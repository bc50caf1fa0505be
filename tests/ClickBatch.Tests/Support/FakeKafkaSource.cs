using System.Runtime.CompilerServices;
using ClickBatch.Kafka;

namespace ClickBatch.Tests.Support;

/// <summary>
/// An in-memory <see cref="IKafkaSource"/> for paths a local Kafka cannot reproduce: offset gaps (compaction,
/// transaction markers), an end offset past the last record, failing group commits. Reading follows the real
/// source's contract through <see cref="ReadProgress"/>: only <c>[From, To)</c>, positions reach <c>To</c> even when
/// the last offsets hold no record, empty ranges are never "assigned" (see <see cref="Assigned"/>).
/// </summary>
public sealed class FakeKafkaSource : IKafkaSource
{
    private readonly Dictionary<KafkaPartition, (long Earliest, long End, List<KafkaRecord> Records)> _partitions = [];

    /// <summary>
    /// Chunks take every unfinished partition's next record in turn, as a fetch of many partitions does; default false:
    /// one partition per chunk.
    /// </summary>
    public bool MixPartitions { get; init; }

    /// <summary>Most records per chunk. Default 3, so tests see several chunks.</summary>
    public int MaxChunkRecords { get; init; } = 3;

    /// <summary>
    /// <see cref="KafkaRecordBatch.KeptForChunks"/> of <see cref="ReadAsync"/>'s chunks: a chunk's payloads are overwritten
    /// once the caller asks for the chunk after those. Default 2 (the real source's three read buffers, one of them read
    /// ahead, give 1): the lanes may run one chunk further apart here than in production.
    /// </summary>
    public int KeptForChunks { get; init; } = 2;

    private readonly Queue<List<KafkaRecord>> _lent = new();

    /// <summary>Committed offsets per group id.</summary>
    public Dictionary<string, Dictionary<KafkaPartition, long>> GroupOffsets { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, <see cref="CommitGroupOffsetsAsync"/> throws it.</summary>
    public Exception? CommitFailure { get; set; }

    /// <summary>When true, offsets-for-times answers every partition's end offset, as librdkafka's mock cluster does.</summary>
    public bool OffsetsForTimesAnswersEnd { get; init; }

    /// <summary>Every partition a read assigned, in order.</summary>
    public List<KafkaPartition> Assigned { get; } = [];

    public int CaptureCount { get; private set; }

    /// <summary>
    /// The rebalances of a group read, in order: after that many chunks were handed out, the group revokes and then
    /// assigns the partitions given. Empty: the group assigns every partition of the topics at once.
    /// </summary>
    public List<GroupStep> GroupScript { get; } = [];

    /// <summary>Called right after the handler returned from a revocation (the group would hand the partitions on now).</summary>
    public Func<Task>? AfterRevoke { get; set; }

    /// <summary>What the handler of a group read was told, in order: "+clicks[0]" assigned, "-clicks[0]" revoked.</summary>
    public List<string> GroupEvents { get; } = [];

    /// <summary>Adds a partition holding records at the given offsets; <paramref name="end"/> defaults to last offset + 1.</summary>
    public FakeKafkaSource WithPartition(string topic, int partition, IEnumerable<long> offsets, long earliest = 0, long? end = null)
    {
        var records = offsets.Select(o => KafkaRecord.FromArrays(topic, partition, o, 1_700_000_000_000 + o,
            KafkaTimestampType.CreateTime, null, System.Text.Encoding.UTF8.GetBytes($"{topic}-{partition}-{o}"))).ToList();
        var last = records.Count == 0 ? earliest : records[^1].Offset + 1;
        _partitions[new KafkaPartition(topic, partition)] = (earliest, end ?? last, records);
        return this;
    }

    /// <summary>Adds (or replaces) a partition holding these payloads (UTF-8) at offsets 0, 1, 2, ...; the end is after the last.</summary>
    public FakeKafkaSource WithPayloads(string topic, int partition, IEnumerable<string> payloads)
    {
        var records = payloads.Select((payload, o) => KafkaRecord.FromArrays(topic, partition, o, 1_700_000_000_000 + o,
            KafkaTimestampType.CreateTime, null, System.Text.Encoding.UTF8.GetBytes(payload))).ToList();
        _partitions[new KafkaPartition(topic, partition)] = (0, records.Count, records);
        return this;
    }

    /// <summary>Adds (or replaces) a partition holding these values (null: a tombstone) at offsets 0, 1, 2, ...; the end is after the last.</summary>
    public FakeKafkaSource WithValues(string topic, int partition, IEnumerable<byte[]?> values)
    {
        var records = values.Select((value, o) => KafkaRecord.FromArrays(topic, partition, o, 1_700_000_000_000 + o,
            KafkaTimestampType.CreateTime, null, value)).ToList();
        _partitions[new KafkaPartition(topic, partition)] = (0, records.Count, records);
        return this;
    }

    public Task<IReadOnlyList<PartitionBounds>> CaptureBoundsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        CaptureCount++;
        var missing = topics.FirstOrDefault(t => !_partitions.Keys.Any(k => k.Topic == t));
        if (missing is not null)
        {
            throw new KafkaSourceException($"Topic '{missing}' is not readable on the Kafka cluster.", isTransient: false);
        }

        IReadOnlyList<PartitionBounds> bounds = topics
            .SelectMany(t => _partitions.Where(p => p.Key.Topic == t).OrderBy(p => p.Key.Partition))
            .Select(p => new PartitionBounds(p.Key.Topic, p.Key.Partition, p.Value.Earliest, p.Value.End)).ToList();
        return Task.FromResult(bounds);
    }

    public Task<IReadOnlyDictionary<KafkaPartition, long>> GetGroupOffsetsAsync(
        string groupId, IReadOnlyList<KafkaPartition> partitions, CancellationToken cancellationToken)
    {
        var committed = GroupOffsets.GetValueOrDefault(groupId) ?? [];
        IReadOnlyDictionary<KafkaPartition, long> found = partitions.Where(committed.ContainsKey).ToDictionary(p => p, p => committed[p]);
        return Task.FromResult(found);
    }

    /// <summary>From the records' timestamps (offset + 1,700,000,000,000 ms): the first at or after the time, like ListOffsets.</summary>
    public Task<IReadOnlyDictionary<int, long?>> GetOffsetsForTimesAsync(
        string topic, IReadOnlyList<int> partitions, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        var ms = timestamp.ToUnixTimeMilliseconds();
        IReadOnlyDictionary<int, long?> found = partitions.ToDictionary(
            p => p, p => OffsetsForTimesAnswersEnd ? _partitions[new KafkaPartition(topic, p)].End
                : _partitions[new KafkaPartition(topic, p)].Records.Where(r => r.TimestampMs >= ms).Select(r => (long?)r.Offset).FirstOrDefault());
        return Task.FromResult(found);
    }

    public Task CommitGroupOffsetsAsync(
        string groupId, IReadOnlyDictionary<KafkaPartition, long> nextOffsets, CancellationToken cancellationToken)
    {
        if (CommitFailure is not null)
        {
            throw CommitFailure;
        }

        var committed = GroupOffsets.TryGetValue(groupId, out var existing) ? existing : GroupOffsets[groupId] = [];
        foreach (var (partition, offset) in nextOffsets)
        {
            committed[partition] = offset;
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<KafkaRecordBatch> ReadAsync(
        IReadOnlyList<PartitionRange> ranges, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var progress = new ReadProgress(ranges);
        Assigned.AddRange(progress.Pending);
        if (MixPartitions)
        {
            await foreach (var batch in ReadMixedAsync(ranges, progress, cancellationToken))
            {
                yield return batch;
            }

            yield break;
        }

        foreach (var range in ranges.Where(r => !r.IsEmpty))
        {
            // Like a real fetch, may deliver the record at To itself: ReadProgress must drop it.
            var records = _partitions[range.Key].Records.Where(r => r.Offset >= range.From && r.Offset < range.To + 1);
            foreach (var chunk in records.Chunk(MaxChunkRecords))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var accepted = chunk.Where(r => progress.Accept(range.Key, r.Offset)).Select(Lend).ToList();
                yield return new KafkaRecordBatch(accepted, progress.TakeChanged(), accepted.Sum(r => r.PayloadBytes)) { KeptForChunks = KeptForChunks };
                Returned(accepted);
                await Task.Yield();
            }

            // End of partition: the next offset is the end, past any offsets that hold no record.
            progress.AdvanceTo(range.Key, _partitions[range.Key].End);
            if (progress.TakeChanged() is { Count: > 0 } positions)
            {
                yield return new KafkaRecordBatch([], positions, 0);
            }
        }
    }

    /// <summary>
    /// A group read on <see cref="GroupScript"/>: chunks come from the first partition held that is not complete, so a
    /// revocation finds the ones it takes away part-read. Bounds are captured at each assignment, as the real source does.
    /// </summary>
    public async IAsyncEnumerable<KafkaRecordBatch> ReadGroupAsync(
        IReadOnlyList<string> topics, IAssignmentHandler handler, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var progress = new ReadProgress([]);
        var steps = GroupScript.Count > 0 ? GroupScript.ToList()
            : [new GroupStep(0, [.. _partitions.Keys.Where(k => topics.Contains(k.Topic)).OrderBy(k => k.Topic).ThenBy(k => k.Partition)], [])];
        var chunks = 0;
        while (true)
        {
            foreach (var step in steps.Where(s => s.AfterChunks == chunks).ToList())
            {
                steps.Remove(step);
                Rebalance(step, progress, handler);
                if (step.Revoke.Count > 0 && AfterRevoke is not null)
                {
                    await AfterRevoke();
                }
            }

            if (progress.IsDone)
            {
                if (steps.Count == 0)
                {
                    yield break;
                }

                chunks = steps.Min(s => s.AfterChunks);
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return NextChunk(progress);
            chunks++;
            await Task.Yield();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Rebalance(GroupStep step, ReadProgress progress, IAssignmentHandler handler)
    {
        if (step.Revoke.Count > 0)
        {
            progress.Remove(step.Revoke);
            GroupEvents.AddRange(step.Revoke.Select(k => "-" + k));
            handler.Revoked(step.Revoke);
        }

        if (step.Assign.Count > 0)
        {
            GroupEvents.AddRange(step.Assign.Select(k => "+" + k));
            var bounds = step.Assign.Select(k => new PartitionBounds(k.Topic, k.Partition, _partitions[k].Earliest, _partitions[k].End)).ToList();
            var ranges = handler.Assigned(bounds);
            Assigned.AddRange(ranges.Where(r => !r.IsEmpty).Select(r => r.Key));
            progress.Add(ranges);
        }
    }

    private KafkaRecordBatch NextChunk(ReadProgress progress)
    {
        var position = progress.Incomplete.First();
        var key = position.Key;
        var accepted = _partitions[key].Records.Where(r => r.Offset >= position.NextOffset).Take(MaxChunkRecords)
            .Where(r => progress.Accept(key, r.Offset)).Select(Lend).ToList();
        if (accepted.Count == 0)
        {
            progress.AdvanceTo(key, _partitions[key].End);
        }

        return new KafkaRecordBatch(accepted, progress.TakeChanged(), accepted.Sum(r => r.PayloadBytes));
    }

    /// <summary>Chunks of every partition's next record in turn (<see cref="MixPartitions"/>).</summary>
    private async IAsyncEnumerable<KafkaRecordBatch> ReadMixedAsync(
        IReadOnlyList<PartitionRange> ranges, ReadProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queues = ranges.Where(r => !r.IsEmpty)
            .Select(r => new Queue<KafkaRecord>(_partitions[r.Key].Records.Where(x => x.Offset >= r.From && x.Offset < r.To))).ToList();
        while (queues.Any(q => q.Count > 0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = new List<KafkaRecord>();
            while (chunk.Count < MaxChunkRecords && queues.Any(q => q.Count > 0))
            {
                foreach (var queue in queues.Where(q => q.Count > 0 && chunk.Count < MaxChunkRecords))
                {
                    chunk.Add(queue.Dequeue());
                }
            }

            var accepted = chunk.Where(r => progress.Accept(new KafkaPartition(r.Topic, r.Partition), r.Offset)).Select(Lend).ToList();
            yield return new KafkaRecordBatch(accepted, progress.TakeChanged(), accepted.Sum(r => r.PayloadBytes)) { KeptForChunks = KeptForChunks };
            Returned(accepted);
            await Task.Yield();
        }

        foreach (var range in ranges.Where(r => !r.IsEmpty))
        {
            progress.AdvanceTo(range.Key, _partitions[range.Key].End);
        }

        if (progress.TakeChanged() is { Count: > 0 } positions)
        {
            yield return new KafkaRecordBatch([], positions, 0);
        }
    }

    /// <summary>The record with its payloads in memory of this chunk's own, as the real source lends a reused buffer.</summary>
    private static KafkaRecord Lend(KafkaRecord record) => record with { Key = Copy(record.Key), Value = Copy(record.Value) };

    private static ReadOnlyMemory<byte>? Copy(ReadOnlyMemory<byte>? bytes) => bytes is { } b ? (ReadOnlyMemory<byte>?)b.ToArray() : null;

    /// <summary>
    /// The caller asked for the chunk after <paramref name="lent"/>: the chunk <see cref="KeptForChunks"/> before it is
    /// overwritten now, as the real source's reused buffers are.
    /// </summary>
    private void Returned(List<KafkaRecord> lent)
    {
        _lent.Enqueue(lent);
        while (_lent.Count > KeptForChunks)
        {
            Poison(_lent.Dequeue());
        }
    }

    /// <summary>
    /// Overwrites the chunk's payloads (0xEE), as the real source's reused buffer is once its turn comes again: a caller
    /// that kept a payload past that lands garbage and fails its test.
    /// </summary>
    private static void Poison(List<KafkaRecord> lent)
    {
        foreach (var record in lent)
        {
            foreach (var bytes in new[] { record.Key, record.Value })
            {
                if (bytes is { } b && System.Runtime.InteropServices.MemoryMarshal.TryGetArray(b, out var segment))
                {
                    segment.AsSpan().Fill(0xEE);
                }
            }
        }
    }
}
