using System.Text;

namespace ClickBatch.Decoding;

/// <summary>
/// Builds the one-row scratch of a reject (<see cref="TableLayout.Rejects"/>): where the record came from, its exact
/// value bytes (null for a tombstone), the error kind and message, and the run's id and ingestion time. Its
/// partition (<see cref="PartitionDay"/>) is the UTC day of the Kafka timestamp, null when the record has none.
/// </summary>
public sealed class RejectRowBuilder
{
    private readonly byte[] _runId;
    private readonly long _ingestedAtMicros;
    private readonly Dictionary<string, byte[]> _topicBytes = new(StringComparer.Ordinal);

    public RejectRowBuilder(DecoderOptions options)
    {
        _runId = Encoding.UTF8.GetBytes(options.RunId);
        _ingestedAtMicros = TimeConversions.ToMicros(options.IngestedAt);
        Row = new RowBatch(TableLayout.Rejects.Fields);
    }

    public RowBatch Row { get; }

    public int? PartitionDay { get; private set; }

    public void Build(in RawRecord record, DecodeReject reject)
    {
        Row.Clear();
        Row.Column<BytesColumn>(0).Append(TopicBytes(record.Topic));
        Row.Column<ValueColumn<int>>(1).Append(record.Partition);
        Row.Column<ValueColumn<long>>(2).Append(record.Offset);
        MetadataWriter.AppendKafkaTimestamp(Row.Column<ValueColumn<long>>(3), record.TimestampMs);
        KafkaKeyEncoding.Append(Row.Column<BytesColumn>(4), record.Key);
        AppendValue(Row.Column<BytesColumn>(5), record.Value);
        Row.Column<BytesColumn>(6).Append(Encoding.UTF8.GetBytes(reject.Kind.Name()));
        Row.Column<BytesColumn>(7).Append(Encoding.UTF8.GetBytes(reject.Message));
        Row.Column<BytesColumn>(8).Append(_runId);
        Row.Column<ValueColumn<long>>(9).Append(_ingestedAtMicros);
        PartitionDay = TimeConversions.KafkaMicros(record.TimestampMs) is { } micros ? TimeConversions.DayOfMicros(micros) : null;
    }

    private static void AppendValue(BytesColumn column, ReadOnlyMemory<byte>? value)
    {
        if (value is { } bytes)
        {
            column.Append(bytes.Span);
        }
        else
        {
            column.AppendNull();
        }
    }

    private byte[] TopicBytes(string topic)
    {
        if (!_topicBytes.TryGetValue(topic, out var bytes))
        {
            bytes = Encoding.UTF8.GetBytes(topic);
            _topicBytes[topic] = bytes;
        }

        return bytes;
    }
}
