using ClickBatch.Decoding;
using ClickBatch.Parquet;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Landing;

/// <summary>
/// Decode and write for one topic: each record becomes a row of the topic's table or a row of its rejects table,
/// both written as partitioned Parquet files into staging directories. One sink per topic and Delta commit: add
/// records, then <see cref="CompleteAsync"/> for the files and counts; disposing without completing deletes the
/// unfinished files.
/// </summary>
public sealed class TopicFileSink : IAsyncDisposable
{
    private readonly RecordDecoder _decoder;
    private readonly RejectRowBuilder _rejectBuilder;
    private readonly PartitionedFileWriter _data;
    private readonly PartitionedFileWriter _rejects;
    private readonly long[] _rejectsByKind = new long[Enum.GetValues<RejectKind>().Length];
    private IReadOnlyDictionary<int, long> _dataFloors = new Dictionary<int, long>();
    private IReadOnlyDictionary<int, long> _rejectFloors = new Dictionary<int, long>();

    public TopicFileSink(TopicSchema schema, DecoderOptions decoderOptions, string dataStagingDirectory,
        string rejectsStagingDirectory, FileWriterOptions? fileOptions = null, ILogger? logger = null, RowBufferBudget? budget = null)
    {
        _decoder = new RecordDecoder(schema, decoderOptions);
        _rejectBuilder = new RejectRowBuilder(decoderOptions);
        budget ??= new RowBufferBudget((fileOptions ?? new FileWriterOptions()).MaxBufferedBytes);
        _data = new PartitionedFileWriter(_decoder.Layout, dataStagingDirectory, fileOptions, logger, budget);
        _rejects = new PartitionedFileWriter(TableLayout.Rejects, rejectsStagingDirectory, fileOptions, logger, budget);
    }

    public TableLayout DataLayout => _decoder.Layout;

    public long RecordsIn { get; private set; }

    public long Rows { get; private set; }

    public long Rejects { get; private set; }

    /// <summary>Records skipped because the table they decode to already holds their offset (see <see cref="SkipBelow"/>).</summary>
    public long AlreadyLanded { get; private set; }

    /// <summary>
    /// Per Kafka partition, the offset below which the data table (<paramref name="data"/>) or the rejects table
    /// (<paramref name="rejects"/>) already holds every record: its Delta txn version. After a crash between the
    /// two commits of one chunk one table is ahead, the run re-reads from the lower offset, and each table must
    /// get each record once (docs/exactly-once.md).
    /// </summary>
    public void SkipBelow(IReadOnlyDictionary<int, long> data, IReadOnlyDictionary<int, long> rejects)
    {
        _dataFloors = data;
        _rejectFloors = rejects;
    }

    /// <summary>
    /// Decodes the record and appends it as a row or a reject, or skips it when its table already holds it; says
    /// which, so the caller's books never infer an outcome from counters that did not move.
    /// </summary>
    public SinkOutcome Add(in RawRecord record)
    {
        RecordsIn++;
        // Decoded straight into the row buffer of the data file written last: no second copy of the row.
        var target = _data.NextRowTarget;
        if (_decoder.TryDecode(record, target))
        {
            if (IsBelow(_dataFloors, record))
            {
                target.TruncateRows(target.RowCount - 1);
                AlreadyLanded++;
                return SinkOutcome.AlreadyLanded;
            }

            _data.AppendLastRow(_decoder.PartitionDay, record.Topic, record.Partition, record.Offset);
            Rows++;
            return SinkOutcome.Row;
        }

        if (IsBelow(_rejectFloors, record))
        {
            AlreadyLanded++;
            return SinkOutcome.AlreadyLanded;
        }

        var reject = _decoder.Reject!;
        _rejectBuilder.Build(record, reject);
        _rejects.Append(_rejectBuilder.Row, _rejectBuilder.PartitionDay, record.Topic, record.Partition, record.Offset);
        _rejectsByKind[(int)reject.Kind]++;
        Rejects++;
        return SinkOutcome.Reject;
    }

    public async Task<TopicFileSinkResult> CompleteAsync(CancellationToken cancellationToken)
    {
        var dataFiles = await _data.CompleteAsync(cancellationToken).ConfigureAwait(false);
        var rejectFiles = await _rejects.CompleteAsync(cancellationToken).ConfigureAwait(false);
        var byKind = Enum.GetValues<RejectKind>()
            .Where(k => _rejectsByKind[(int)k] > 0)
            .ToDictionary(k => k, k => _rejectsByKind[(int)k]);
        return new TopicFileSinkResult(dataFiles, rejectFiles, RecordsIn, Rows, Rejects, byKind) { AlreadyLanded = AlreadyLanded };
    }

    private static bool IsBelow(IReadOnlyDictionary<int, long> floors, in RawRecord record) =>
        floors.Count > 0 && floors.TryGetValue(record.Partition, out var floor) && record.Offset < floor;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _data.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await _rejects.DisposeAsync().ConfigureAwait(false);
        }
    }
}
