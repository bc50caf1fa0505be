namespace ClickBatch.Decoding;

/// <summary>
/// Fills the metadata columns of a decoded row (see <see cref="MetadataColumns.ForDataTable"/>). The columns of the batch
/// written last are kept: consecutive rows mostly go to the same batch.
/// </summary>
internal sealed class MetadataWriter
{
    private readonly int _firstIndex;
    private readonly byte[] _runId;
    private readonly long _ingestedAtMicros;
    private RowBatch? _row;
    private ValueColumn<int> _partition = null!;
    private ValueColumn<long> _offset = null!;
    private ValueColumn<long> _timestamp = null!;
    private BytesColumn _key = null!;
    private BytesColumn _runIdColumn = null!;
    private ValueColumn<long> _ingestedAtColumn = null!;
    private BytesColumn _unknownFields = null!;

    public MetadataWriter(int firstIndex, byte[] runId, long ingestedAtMicros)
    {
        _firstIndex = firstIndex;
        _runId = runId;
        _ingestedAtMicros = ingestedAtMicros;
    }

    public void Append(RowBatch row, in RawRecord record, UnknownFieldsBuilder unknown)
    {
        if (!ReferenceEquals(row, _row))
        {
            Bind(row);
        }

        _partition.Append(record.Partition);
        _offset.Append(record.Offset);
        AppendKafkaTimestamp(_timestamp, record.TimestampMs);
        KafkaKeyEncoding.Append(_key, record.Key);
        _runIdColumn.Append(_runId);
        _ingestedAtColumn.Append(_ingestedAtMicros);
        if (unknown.Count == 0)
        {
            _unknownFields.AppendNull();
            return;
        }

        unknown.Finish();
        _unknownFields.Append(unknown.Json);
    }

    private void Bind(RowBatch row)
    {
        _partition = row.Column<ValueColumn<int>>(_firstIndex);
        _offset = row.Column<ValueColumn<long>>(_firstIndex + 1);
        _timestamp = row.Column<ValueColumn<long>>(_firstIndex + 2);
        _key = row.Column<BytesColumn>(_firstIndex + 3);
        _runIdColumn = row.Column<BytesColumn>(_firstIndex + 4);
        _ingestedAtColumn = row.Column<ValueColumn<long>>(_firstIndex + 5);
        _unknownFields = row.Column<BytesColumn>(_firstIndex + 6);
        _row = row;
    }

    /// <summary>Kafka timestamps are milliseconds; none (negative) or out of range is stored as null.</summary>
    public static void AppendKafkaTimestamp(ValueColumn<long> column, long timestampMs)
    {
        if (TimeConversions.KafkaMicros(timestampMs) is { } micros)
        {
            column.Append(micros);
        }
        else
        {
            column.AppendNull();
        }
    }
}
