using ClickBatch.Decoding;
using ClickBatch.Kafka;
using ClickBatch.Parquet;

namespace ClickBatch.Landing;

/// <summary>
/// One topic of a run: decodes its records into chunk files and commits each chunk to the table, then the rejects
/// table, with the Kafka positions the chunk reached (docs/exactly-once.md).
/// </summary>
internal sealed class TopicIngestion : IAsyncDisposable
{
    private readonly LandingSettings _settings;
    private readonly DecoderOptions _decoderOptions;
    private readonly RowBufferBudget? _budget;
    private readonly Dictionary<int, long> _positions = [];
    private readonly Dictionary<int, PartitionTally> _pending = [];
    private readonly Dictionary<int, PartitionTally> _committed = [];
    private TopicFileSink? _sink;
    private long _chunkRecords;
    private long _chunkBytes;
    private int _chunkNumber;

    /// <summary>A topic of a run; <paramref name="budget"/> is the run's row-buffer memory, shared with its other topics (null: this topic's own).</summary>
    public TopicIngestion(
        TopicSettings topic, LandingSettings settings, DecoderOptions decoderOptions, TableTarget data, TableTarget rejects, RowBufferBudget? budget = null)
    {
        Topic = topic;
        _budget = budget;
        _settings = settings;
        _decoderOptions = decoderOptions;
        Data = data;
        Rejects = rejects;
    }

    public TopicSettings Topic { get; }

    public TableTarget Data { get; }

    public TableTarget Rejects { get; }

    public IReadOnlyDictionary<int, PartitionTally> Committed => _committed;

    public bool ChunkIsFull => _chunkRecords >= _settings.CommitEveryRecords || _chunkBytes >= _settings.CommitEveryBytes;

    public long FilesWritten { get; private set; }

    public long BytesWritten { get; private set; }

    /// <summary>
    /// Per partition either table knows, the next offset both tables hold: the lower of the two (a partition only
    /// one table knows counts with that table's offset). What the report and the consumer group are given.
    /// </summary>
    public IReadOnlyDictionary<int, long> CommittedOffsets =>
        Data.Offsets.Keys.Union(Rejects.Offsets.Keys).ToDictionary(
            p => p, p => Math.Min(Data.Offsets.GetValueOrDefault(p, long.MaxValue), Rejects.Offsets.GetValueOrDefault(p, long.MaxValue)));

    public long RecordsRead => _committed.Values.Sum(t => t.Records) + _pending.Values.Sum(t => t.Records);

    /// <summary>
    /// One record becomes a row, a reject, or is provably already landed (its offset is below a table's stored offset);
    /// anything else is a bug that must stop the run before a commit, never a record the books silently absorb.
    /// </summary>
    public void Add(KafkaRecord record)
    {
        var sink = _sink ??= OpenSink();
        var outcome = sink.Add(new RawRecord(record.Topic, record.Partition, record.Offset, record.TimestampMs, record.Key, record.Value));
        var tally = Tally(_pending, record.Partition);
        tally.Records++;
        switch (outcome)
        {
            case SinkOutcome.Row:
                tally.Rows++;
                break;
            case SinkOutcome.Reject:
                tally.Rejects++;
                break;
            case SinkOutcome.AlreadyLanded when IsBelow(Data.Offsets, record) || IsBelow(Rejects.Offsets, record):
                tally.AlreadyLanded++;
                break;
            default:
                throw new InvalidOperationException($"Internal error: topic '{record.Topic}' partition {record.Partition} offset {record.Offset} became "
                    + $"{outcome}, but it lies at or past both tables' stored offsets; it would be counted without landing. This is a ClickBatch bug.");
        }

        _chunkRecords++;
        _chunkBytes += record.PayloadBytes;
    }

    public void Advance(PartitionPosition position) => _positions[position.Partition] = position.NextOffset;

    /// <summary>Closes the chunk's files and commits them; a no-op when the chunk read nothing and moved nothing.</summary>
    public async Task<ChunkCommit> CommitChunkAsync(CancellationToken cancellationToken)
    {
        var result = _sink is null ? null : await _sink.CompleteAsync(cancellationToken);
        await DisposeSinkAsync();
        CheckFilesMatchTheBooks(result);
        CheckRejectRatio();
        var dataVersion = await Data.CommitAsync(result?.DataFiles ?? [], _positions, cancellationToken);
        var rejectsVersion = await Rejects.CommitAsync(result?.RejectFiles ?? [], _positions, cancellationToken);
        var files = (result?.DataFiles ?? []).Concat(result?.RejectFiles ?? []).ToList();
        FilesWritten += files.Count;
        BytesWritten += files.Sum(f => f.SizeBytes);
        var commit = new ChunkCommit(dataVersion, rejectsVersion, _pending.Values.Sum(t => t.Rows), _pending.Values.Sum(t => t.Rejects));
        foreach (var (partition, tally) in _pending)
        {
            tally.AddTo(Tally(_committed, partition));
        }

        _pending.Clear();
        _positions.Clear();
        (_chunkRecords, _chunkBytes) = (0, 0);
        return commit;
    }

    public ValueTask DisposeAsync() => DisposeSinkAsync();

    private static bool IsBelow(IReadOnlyDictionary<int, long> stored, KafkaRecord record) =>
        stored.TryGetValue(record.Partition, out var offset) && record.Offset < offset;

    /// <summary>
    /// The files must hold exactly the rows and rejects the books count, before anything is committed: a sink that
    /// counted a record without writing it (or wrote one it did not count) is a bug, and committing would lose or
    /// invent a record while the report balances.
    /// </summary>
    private void CheckFilesMatchTheBooks(TopicFileSinkResult? result)
    {
        var (rows, rejects) = (_pending.Values.Sum(t => t.Rows), _pending.Values.Sum(t => t.Rejects));
        var (rowsInFiles, rejectsInFiles) = (result?.DataFiles.Sum(f => f.NumRecords) ?? 0, result?.RejectFiles.Sum(f => f.NumRecords) ?? 0);
        if (rows != rowsInFiles || rejects != rejectsInFiles)
        {
            throw new InvalidOperationException($"Internal error: topic '{Topic.Topic}': the chunk counts {rows} rows and {rejects} rejects, "
                + $"but its files hold {rowsInFiles} and {rejectsInFiles}. Nothing of the chunk was committed. This is a ClickBatch bug.");
        }
    }

    private void CheckRejectRatio()
    {
        var records = RecordsRead;
        var rejects = _committed.Values.Sum(t => t.Rejects) + _pending.Values.Sum(t => t.Rejects);
        if (records > 0 && (double)rejects / records > _settings.MaxRejectRatio)
        {
            throw new RejectThresholdExceededException(Topic.Topic, rejects, records, _settings.MaxRejectRatio);
        }
    }

    private TopicFileSink OpenSink()
    {
        _chunkNumber++;
        var staging = Path.Combine(_settings.StagingDirectory, _decoderOptions.RunId, Topic.Topic, _chunkNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sink = new TopicFileSink(Topic.Schema, _decoderOptions with { Partitioning = Topic.Partitioning },
            Path.Combine(staging, "data"), Path.Combine(staging, "rejects"), _settings.Files, budget: _budget);
        sink.SkipBelow(Data.Offsets, Rejects.Offsets);
        return sink;
    }

    private async ValueTask DisposeSinkAsync()
    {
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
            _sink = null;
        }
    }

    private static PartitionTally Tally(Dictionary<int, PartitionTally> tallies, int partition)
    {
        if (!tallies.TryGetValue(partition, out var tally))
        {
            tally = new PartitionTally();
            tallies[partition] = tally;
        }

        return tally;
    }
}
