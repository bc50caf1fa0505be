using System.Runtime.ExceptionServices;
using ClickBatch.Kafka;

namespace ClickBatch.Landing;

/// <summary>
/// Hands a chunk's records to the topics' writer lanes (<see cref="TopicLane"/>): in a chunk of at least
/// <see cref="MinRecordsToSplit"/> records, lane k gets the partitions p with p % lanes == k, lane 0 on the caller's thread,
/// the others on the thread pool, side by side; a smaller chunk goes to lane 0 alone, so a run that reads a few records
/// writes one file per event day, not one per lane. It returns once every lane is done with the chunk, so no payload is read
/// after the next chunk is requested (<see cref="IKafkaSource.ReadAsync"/>) and commits always find the lanes idle. Each
/// lane gets its records in the chunk's order, so every partition's offsets stay in order. A lane's failure is thrown
/// as it was (the first lane's first) after all lanes stopped.
/// </summary>
internal sealed class LaneFeeder
{
    /// <summary>Default of <see cref="MinRecordsToSplit"/>: 4,000 records, a fraction of a second of one lane's work.</summary>
    public const int DefaultMinRecordsToSplit = 4_000;

    private readonly List<KafkaRecord>[] _byLane;

    public LaneFeeder(int lanes, int minRecordsToSplit = DefaultMinRecordsToSplit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minRecordsToSplit, 1);
        _byLane = Enumerable.Range(0, lanes).Select(_ => new List<KafkaRecord>()).ToArray();
        MinRecordsToSplit = minRecordsToSplit;
    }

    /// <summary>Fewest records of a chunk that is split between the lanes; a smaller chunk is lane 0's alone.</summary>
    public int MinRecordsToSplit { get; }

    /// <summary>The run's topics: each record goes to its topic's lane (<see cref="TopicIngestion.Lane"/>).</summary>
    public void Feed(IReadOnlyList<KafkaRecord> records, IReadOnlyDictionary<string, TopicIngestion> topics)
    {
        if (topics.Values.FirstOrDefault(t => t.LaneCount != _byLane.Length) is { } other)
        {
            // Two threads would then feed one lane.
            throw new InvalidOperationException($"Internal error: topic '{other.Topic.Topic}' has {other.LaneCount} writer lanes, the feeder "
                + $"{_byLane.Length}. This is a ClickBatch bug.");
        }

        Feed(records, (lane, record) => topics[record.Topic].Lane(lane).Add(record));
    }

    /// <summary>Calls <paramref name="add"/>(lane, record) for every record, each lane's on one thread, lanes side by side.</summary>
    public void Feed(IReadOnlyList<KafkaRecord> records, Action<int, KafkaRecord> add)
    {
        if (_byLane.Length == 1 || records.Count < MinRecordsToSplit)
        {
            foreach (var record in records)
            {
                add(0, record);
            }

            return;
        }

        foreach (var lane in _byLane)
        {
            lane.Clear();
        }

        foreach (var record in records)
        {
            _byLane[LaneOf(record.Partition, _byLane.Length)].Add(record);
        }

        var others = new List<Task>(_byLane.Length - 1);
        for (var lane = 1; lane < _byLane.Length; lane++)
        {
            if (_byLane[lane].Count > 0)
            {
                var number = lane;
                others.Add(Task.Run(() => FeedLane(number, add)));
            }
        }

        ExceptionDispatchInfo? failure = null;
        try
        {
            FeedLane(0, add);
        }
        catch (Exception ex)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        foreach (var task in others)
        {
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                failure ??= ExceptionDispatchInfo.Capture(ex);
            }
        }

        failure?.Throw();
    }

    private void FeedLane(int lane, Action<int, KafkaRecord> add)
    {
        foreach (var record in _byLane[lane])
        {
            add(lane, record);
        }
    }

    /// <summary>The lane of a Kafka partition among <paramref name="lanes"/>.</summary>
    private static int LaneOf(int partition, int lanes) => partition % lanes;
}
