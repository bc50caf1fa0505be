namespace ClickBatch.Kafka;

/// <summary>
/// The bookkeeping of a bounded read, without I/O: which offsets to emit, where each partition stands, and when
/// each is done. A record is emitted only if its offset lies in <c>[position, To)</c>; positions only move forward.
/// </summary>
public sealed class ReadProgress
{
    private readonly Dictionary<KafkaPartition, State> _states;
    private readonly HashSet<KafkaPartition> _changed = [];
    private int _incomplete;

    public ReadProgress(IEnumerable<PartitionRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        _states = ranges.Where(r => !r.IsEmpty).ToDictionary(r => r.Key, r => new State(r.From, r.To));
        _incomplete = _states.Count;
    }

    /// <summary>
    /// Adds partitions to the read (the group assigned them); a partition already in it starts over with its new range.
    /// Empty ranges are not added.
    /// </summary>
    public void Add(IEnumerable<PartitionRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        foreach (var range in ranges.Where(r => !r.IsEmpty))
        {
            Remove([range.Key]);
            _states[range.Key] = new State(range.From, range.To);
            _incomplete++;
        }
    }

    /// <summary>Takes partitions out of the read (the group revoked them): no record of them is wanted from now on.</summary>
    public void Remove(IEnumerable<KafkaPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        foreach (var partition in partitions)
        {
            if (_states.Remove(partition, out var state) && !state.IsComplete)
            {
                _incomplete--;
            }

            _changed.Remove(partition);
        }
    }

    /// <summary>True when the partition is part of the read.</summary>
    public bool Contains(KafkaPartition partition) => _states.ContainsKey(partition);

    /// <summary>The distinct topics of the ranges with something to read.</summary>
    public IEnumerable<string> Topics => _states.Keys.Select(k => k.Topic).Distinct(StringComparer.Ordinal);

    /// <summary>Partitions with something to read: the ones to assign.</summary>
    public IEnumerable<KafkaPartition> Pending => _states.Where(s => !s.Value.IsComplete).Select(s => s.Key);

    /// <summary>Every partition reached its end. A counter, not a scan: the reader asks once per record.</summary>
    public bool IsDone => _incomplete == 0;

    /// <summary>Position of each partition still being read (for stall diagnostics).</summary>
    public IEnumerable<PartitionPosition> Incomplete =>
        _states.Where(s => !s.Value.IsComplete).Select(s => ToPosition(s.Key, s.Value));

    /// <summary>
    /// True if the record at <paramref name="offset"/> would be emitted by <see cref="Accept"/>; moves nothing. The consume
    /// loop asks before copying a record's payloads, so records before a position or past the end take no memory.
    /// </summary>
    public bool Wants(KafkaPartition partition, long offset) =>
        _states.TryGetValue(partition, out var state) && !state.IsComplete && offset >= state.Position && offset < state.To;

    /// <summary>True if the record at <paramref name="offset"/> is to be emitted; moves the position past it.</summary>
    public bool Accept(KafkaPartition partition, long offset)
    {
        if (!_states.TryGetValue(partition, out var state) || state.IsComplete || offset < state.Position)
        {
            return false;
        }

        if (offset >= state.To)
        {
            MoveTo(partition, state, state.To);
            return false;
        }

        MoveTo(partition, state, offset + 1);
        return true;
    }

    /// <summary>
    /// The consumer says the next offset is <paramref name="nextOffset"/> (end of partition, or past skipped
    /// markers): moves the position there, capped at <c>To</c>. Returns true if the partition is now complete.
    /// </summary>
    public bool AdvanceTo(KafkaPartition partition, long nextOffset)
    {
        if (!_states.TryGetValue(partition, out var state) || state.IsComplete)
        {
            return false;
        }

        if (nextOffset > state.Position)
        {
            MoveTo(partition, state, Math.Min(nextOffset, state.To));
        }

        return state.IsComplete;
    }

    /// <summary>Counts position moves; a reader compares it to notice progress (stall detection).</summary>
    public long Moves { get; private set; }

    /// <summary>The next offset to read of a partition in this read.</summary>
    public long PositionOf(KafkaPartition partition) => _states[partition].Position;

    public bool IsComplete(KafkaPartition partition) => !_states.TryGetValue(partition, out var s) || s.IsComplete;

    /// <summary>Positions of partitions that moved since the last call, in a stable order.</summary>
    public IReadOnlyList<PartitionPosition> TakeChanged()
    {
        var changed = _changed.Order(Comparer<KafkaPartition>.Create(Compare))
            .Select(p => ToPosition(p, _states[p])).ToList();
        _changed.Clear();
        return changed;
    }

    private static int Compare(KafkaPartition a, KafkaPartition b)
    {
        var byTopic = string.CompareOrdinal(a.Topic, b.Topic);
        return byTopic != 0 ? byTopic : a.Partition.CompareTo(b.Partition);
    }

    private static PartitionPosition ToPosition(KafkaPartition key, State state) =>
        new(key.Topic, key.Partition, state.Position, state.IsComplete);

    private void MoveTo(KafkaPartition partition, State state, long position)
    {
        var wasComplete = state.IsComplete;
        state.Position = position;
        if (!wasComplete && state.IsComplete)
        {
            _incomplete--;
        }

        Moves++;
        _changed.Add(partition);
    }

    private sealed class State(long from, long to)
    {
        public long Position { get; set; } = from;

        public long To { get; } = to;

        public bool IsComplete => Position >= To;
    }
}
