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
    private readonly Dictionary<int, long> _positions = [];
    private readonly Dictionary<int, PartitionTally> _committed = [];
    private readonly TopicLane[] _lanes;
    private int _chunkNumber = 1;
    private long _fedRecords;
    private long _fedBytes;

    /// <summary>
    /// A topic of a run. <paramref name="laneBudgets"/> holds one row-buffer memory per writer lane, each shared with the same
    /// lane of the run's other topics (null: one lane with a budget of its own).
    /// </summary>
    public TopicIngestion(
        TopicSettings topic, LandingSettings settings, DecoderOptions decoderOptions, TableTarget data, TableTarget rejects,
        IReadOnlyList<RowBufferBudget>? laneBudgets = null)
    {
        Topic = topic;
        _settings = settings;
        _decoderOptions = decoderOptions;
        Data = data;
        Rejects = rejects;
        _lanes = laneBudgets is null or { Count: 0 }
            ? [new TopicLane(this, 0, null)]
            : laneBudgets.Select((budget, number) => new TopicLane(this, number, budget)).ToArray();
    }

    public TopicSettings Topic { get; }

    public TableTarget Data { get; }

    public TableTarget Rejects { get; }

    public IReadOnlyDictionary<int, PartitionTally> Committed => _committed;

    /// <summary>The writer lanes (<see cref="LaneFeeder"/> decides which lane writes which record).</summary>
    public int LaneCount => _lanes.Length;

    /// <summary>The records fed since the last commit reach a commit's records or bytes (they may still be being written).</summary>
    public bool ChunkIsFull => _fedRecords >= _settings.CommitEveryRecords || _fedBytes >= _settings.CommitEveryBytes;

    /// <summary>Records of the run handed to the lanes so far (written, or still being written): the progress shown.</summary>
    public long RecordsFed { get; private set; }

    public long FilesWritten { get; private set; }

    public long BytesWritten { get; private set; }

    /// <summary>
    /// Per partition either table knows, the next offset both tables hold: the lower of the two (a partition only
    /// one table knows counts with that table's offset). What the report and the consumer group are given.
    /// </summary>
    public IReadOnlyDictionary<int, long> CommittedOffsets =>
        Data.Offsets.Keys.Union(Rejects.Offsets.Keys).ToDictionary(
            p => p, p => Math.Min(Data.Offsets.GetValueOrDefault(p, long.MaxValue), Rejects.Offsets.GetValueOrDefault(p, long.MaxValue)));

    /// <summary>Records the lanes wrote in the run (as rows, rejects or already landed); read only while the lanes are idle.</summary>
    public long RecordsRead => _committed.Values.Sum(t => t.Records) + Pending.Sum(t => t.Records);

    /// <summary>
    /// Counts records handed to the lanes (<see cref="LaneFeeder"/>), on the feeding thread: what <see cref="ChunkIsFull"/>
    /// and the progress go by, without reading the lanes while they write.
    /// </summary>
    public void Fed(long records, long payloadBytes)
    {
        _fedRecords += records;
        _fedBytes += payloadBytes;
        RecordsFed += records;
    }

    private IEnumerable<PartitionTally> Pending => _lanes.SelectMany(l => l.Pending.Values);

    /// <summary>Lane number <paramref name="lane"/>; lanes may be fed from different threads at once, each lane from one at a time.</summary>
    public TopicLane Lane(int lane) => _lanes[lane];

    public void Advance(PartitionPosition position) => _positions[position.Partition] = position.NextOffset;

    /// <summary>
    /// Fewest records a topic must have read in the run before a commit in the middle of the read checks the reject ratio:
    /// over the first few records of a run (commits can be as small as one record) the ratio says nothing. A run's last
    /// commits always check it (<c>final</c>).
    /// </summary>
    public const long RejectRatioMinimumRecords = 1_000;

    /// <summary>
    /// Closes the chunk's files of every lane and commits them; a no-op when the chunk read nothing and moved nothing.
    /// <paramref name="final"/>: a commit of everything read (the run's last, or before a signal or a rebalance ends it),
    /// which checks the reject ratio however few records were read.
    /// </summary>
    public async Task<ChunkCommit> CommitChunkAsync(CancellationToken cancellationToken, bool final = true)
    {
        var results = new List<TopicFileSinkResult>();
        try
        {
            // Each lane finishes its files (encoding the rows still buffered) on a thread of its own, side by side. Not on the
            // thread pool: under group assignment this runs inside a rebalance callback that blocks a pool thread.
            var completing = _lanes.Select(lane => Task.Factory.StartNew(() => lane.CompleteAsync(cancellationToken), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();
            await Task.WhenAll(completing).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            foreach (var lane in completing)
            {
                // Every lane is done (none may still write when they are disposed); the lowest lane's failure is thrown.
                if (await lane is { } result)
                {
                    results.Add(result);
                }
            }
        }
        finally
        {
            await DisposeAsync();
        }

        var dataFiles = results.SelectMany(r => r.DataFiles).ToList();
        var rejectFiles = results.SelectMany(r => r.RejectFiles).ToList();
        CheckFilesMatchTheBooks(dataFiles, rejectFiles);
        CheckRejectRatio(final);
        var dataVersion = await Data.CommitAsync(dataFiles, _positions, cancellationToken);
        var rejectsVersion = await Rejects.CommitAsync(rejectFiles, _positions, cancellationToken);
        FilesWritten += dataFiles.Count + rejectFiles.Count;
        BytesWritten += dataFiles.Concat(rejectFiles).Sum(f => f.SizeBytes);
        var commit = new ChunkCommit(dataVersion, rejectsVersion, Pending.Sum(t => t.Rows), Pending.Sum(t => t.Rejects));
        foreach (var lane in _lanes)
        {
            lane.Committed(_committed);
        }

        _positions.Clear();
        (_fedRecords, _fedBytes) = (0, 0);
        _chunkNumber++;
        return commit;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync();
        }
    }

    /// <summary>
    /// The files must hold exactly the rows and rejects the books count, before anything is committed: a sink that
    /// counted a record without writing it (or wrote one it did not count) is a bug, and committing would lose or
    /// invent a record while the report balances.
    /// </summary>
    private void CheckFilesMatchTheBooks(IReadOnlyList<ClosedDataFile> dataFiles, IReadOnlyList<ClosedDataFile> rejectFiles)
    {
        var (rows, rejects) = (Pending.Sum(t => t.Rows), Pending.Sum(t => t.Rejects));
        var (rowsInFiles, rejectsInFiles) = (dataFiles.Sum(f => f.NumRecords), rejectFiles.Sum(f => f.NumRecords));
        if (rows != rowsInFiles || rejects != rejectsInFiles)
        {
            throw new InvalidOperationException($"Internal error: topic '{Topic.Topic}': the chunk counts {rows} rows and {rejects} rejects, "
                + $"but its files hold {rowsInFiles} and {rejectsInFiles}. Nothing of the chunk was committed. This is a ClickBatch bug.");
        }
    }

    private void CheckRejectRatio(bool final)
    {
        var records = RecordsRead;
        if (!final && records < RejectRatioMinimumRecords)
        {
            return;
        }

        var rejects = _committed.Values.Sum(t => t.Rejects) + Pending.Sum(t => t.Rejects);
        if (records > 0 && (double)rejects / records > _settings.MaxRejectRatio)
        {
            throw new RejectThresholdExceededException(Topic.Topic, rejects, records, _settings.MaxRejectRatio);
        }
    }

    /// <summary>A lane's sink for the chunk being read, in a staging folder of its own (called from the lane's thread).</summary>
    internal TopicFileSink OpenSink(int lane, RowBufferBudget? budget)
    {
        var chunk = _chunkNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var staging = Path.Combine(_settings.StagingDirectory, _decoderOptions.RunId, Topic.Topic,
            _lanes.Length == 1 ? chunk : chunk + "-" + lane.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sink = new TopicFileSink(Topic.Schema, _decoderOptions with { Partitioning = Topic.Partitioning },
            Path.Combine(staging, "data"), Path.Combine(staging, "rejects"), _settings.Files, budget: budget);
        sink.SkipBelow(Data.Offsets, Rejects.Offsets);
        return sink;
    }

    internal static PartitionTally Tally(Dictionary<int, PartitionTally> tallies, int partition)
    {
        if (!tallies.TryGetValue(partition, out var tally))
        {
            tally = new PartitionTally();
            tallies[partition] = tally;
        }

        return tally;
    }
}
