using ClickBatch.Decoding;
using ClickBatch.Kafka;
using ClickBatch.Parquet;

namespace ClickBatch.Landing;

/// <summary>
/// One writer lane of a topic (<see cref="TopicIngestion"/>): the records <see cref="LaneFeeder"/> hands it (in a large
/// chunk, the Kafka partitions p with p % lanes == its number), decoded and written into the lane's own chunk files on one
/// thread at a time. A partition may land in several lanes' files of one commit, each with its own offsets, in order.
/// Lanes of a run run side by side on their own threads (docs/decoding.md, "Writer threads"); a lane touches only its
/// own state, and the tables' stored offsets it reads do not move while records are added (commits happen with every
/// lane idle).
/// </summary>
internal sealed class TopicLane : IAsyncDisposable
{
    private readonly TopicIngestion _topic;
    private readonly RowBufferBudget? _budget;
    private readonly Dictionary<int, PartitionTally> _pending = [];
    private TopicFileSink? _sink;

    public TopicLane(TopicIngestion topic, int number, RowBufferBudget? budget)
    {
        _topic = topic;
        Number = number;
        _budget = budget;
    }

    public int Number { get; }

    /// <summary>Per partition, what this lane read since the last commit.</summary>
    public IReadOnlyDictionary<int, PartitionTally> Pending => _pending;

    /// <summary>
    /// One record becomes a row, a reject, or is provably already landed (its offset is below a table's stored offset);
    /// anything else is a bug that must stop the run before a commit, never a record the books silently absorb.
    /// </summary>
    public void Add(KafkaRecord record)
    {
        var sink = _sink ??= _topic.OpenSink(Number, _budget);
        var outcome = sink.Add(new RawRecord(record.Topic, record.Partition, record.Offset, record.TimestampMs, record.Key, record.Value));
        var tally = TopicIngestion.Tally(_pending, record.Partition);
        tally.Records++;
        switch (outcome)
        {
            case SinkOutcome.Row:
                tally.Rows++;
                break;
            case SinkOutcome.Reject:
                tally.Rejects++;
                break;
            case SinkOutcome.AlreadyLanded when IsBelow(_topic.Data.Offsets, record) || IsBelow(_topic.Rejects.Offsets, record):
                tally.AlreadyLanded++;
                break;
            default:
                throw new InvalidOperationException($"Internal error: topic '{record.Topic}' partition {record.Partition} offset {record.Offset} became "
                    + $"{outcome}, but it lies at or past both tables' stored offsets; it would be counted without landing. This is a ClickBatch bug.");
        }
    }

    /// <summary>
    /// Finishes the lane's chunk files (null when it read nothing since the last commit); <see cref="DisposeAsync"/> then
    /// lets the sink go before the next chunk.
    /// </summary>
    public async Task<TopicFileSinkResult?> CompleteAsync(CancellationToken cancellationToken) =>
        _sink is null ? null : await _sink.CompleteAsync(cancellationToken);

    /// <summary>After the chunk's commit: the pending counts move to <paramref name="committed"/>.</summary>
    public void Committed(Dictionary<int, PartitionTally> committed)
    {
        foreach (var (partition, tally) in _pending)
        {
            tally.AddTo(TopicIngestion.Tally(committed, partition));
        }

        _pending.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
            _sink = null;
        }
    }

    private static bool IsBelow(IReadOnlyDictionary<int, long> stored, KafkaRecord record) =>
        stored.TryGetValue(record.Partition, out var offset) && record.Offset < offset;
}
