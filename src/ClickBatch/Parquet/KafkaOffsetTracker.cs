namespace ClickBatch.Parquet;

/// <summary>Min and max offset per topic partition of the rows in one file; cheap when rows come in partition runs.</summary>
internal sealed class KafkaOffsetTracker
{
    private readonly List<Range> _ranges = [];
    private Range? _last;

    public void Add(string topic, int partition, long offset)
    {
        var range = _last is { } last && last.Partition == partition && ReferenceEquals(last.Topic, topic) ? last : Find(topic, partition);
        range.Min = Math.Min(range.Min, offset);
        range.Max = Math.Max(range.Max, offset);
        range.Count++;
        _last = range;
    }

    public IReadOnlyList<KafkaOffsetRange> ToList() => _ranges
        .OrderBy(r => r.Topic, StringComparer.Ordinal).ThenBy(r => r.Partition)
        .Select(r => new KafkaOffsetRange(r.Topic, r.Partition, r.Min, r.Max, r.Count))
        .ToList();

    private Range Find(string topic, int partition)
    {
        foreach (var range in _ranges)
        {
            if (range.Partition == partition && string.Equals(range.Topic, topic, StringComparison.Ordinal))
            {
                return range;
            }
        }

        var created = new Range(topic, partition);
        _ranges.Add(created);
        return created;
    }

    private sealed class Range(string topic, int partition)
    {
        public string Topic { get; } = topic;

        public int Partition { get; } = partition;

        public long Min { get; set; } = long.MaxValue;

        public long Max { get; set; } = long.MinValue;

        public long Count { get; set; }
    }
}
