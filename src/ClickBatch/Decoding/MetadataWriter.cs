namespace ClickBatch.Decoding;

/// <summary>Fills the metadata columns of a decoded row (see <see cref="MetadataColumns.ForDataTable"/>).</summary>
internal sealed class MetadataWriter
{
    private readonly ValueColumn<int> _partition;
    private readonly ValueColumn<long> _offset;
    private readonly ValueColumn<long> _timestamp;
    private readonly BytesColumn _key;
    private readonly BytesColumn _runIdColumn;
    private readonly ValueColumn<long> _ingestedAtColumn;
    private readonly BytesColumn _unknownFields;
    private readonly byte[] _runId;
    private readonly long _ingestedAtMicros;

    public MetadataWriter(RowBatch row, int firstIndex, byte[] runId, long ingestedAtMicros)
    {
        _partition = row.Column<ValueColumn<int>>(firstIndex);
        _offset = row.Column<ValueColumn<long>>(firstIndex + 1);
        _timestamp = row.Column<ValueColumn<long>>(firstIndex + 2);
        _key = row.Column<BytesColumn>(firstIndex + 3);
        _runIdColumn = row.Column<BytesColumn>(firstIndex + 4);
        _ingestedAtColumn = row.Column<ValueColumn<long>>(firstIndex + 5);
        _unknownFields = row.Column<BytesColumn>(firstIndex + 6);
        _runId = runId;
        _ingestedAtMicros = ingestedAtMicros;
    }

    public void Append(in RawRecord record, UnknownFieldsBuilder unknown)
    {
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
