using ClickBatch.Decoding;
using ClickBatch.Kafka;
using ClickBatch.Parquet;

namespace ClickBatch.Jobs.Run;

/// <summary>
/// One topic of a run: decodes its records into chunk files and commits each chunk to the table, then the rejects
/// table, with the Kafka positions the chunk reached (docs/exactly-once.md).
/// </summary>
internal sealed class TopicIngestion : IAsyncDisposable
{
    private readonly RunSettings _settings;
    private readonly DecoderOptions _decoderOptions;
    private readonly Dictionary<int, long> _positions = [];
    private readonly Dictionary<int, PartitionTally> _pending = [];
    private readonly Dictionary<int, PartitionTally> _committed = [];
    private TopicFileSink? _sink;
    private long _chunkRecords;
    private long _chunkBytes;
    private int _chunkNumber;

    public TopicIngestion(TopicSettings topic, RunSettings settings, DecoderOptions decoderOptions, TableTarget data, TableTarget rejects)
    {
        Topic = topic;
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

    public void Add(KafkaRecord record)
    {
        var sink = _sink ??= OpenSink();
        var (rows, rejects) = (sink.Rows, sink.Rejects);
        sink.Add(RawRecord.FromArrays(record.Topic, record.Partition, record.Offset, record.TimestampMs, record.Key, record.Value));
        var tally = Tally(_pending, record.Partition);
        tally.Records++;
        if (sink.Rows > rows)
        {
            tally.Rows++;
        }
        else if (sink.Rejects > rejects)
        {
            tally.Rejects++;
        }
        else
        {
            tally.AlreadyLanded++;
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
            Path.Combine(staging, "data"), Path.Combine(staging, "rejects"), _settings.Files);
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
