using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ClickBatch.Errors;

namespace ClickBatch.Decoding;

/// <summary>
/// Decodes one Kafka record's JSON value into a row of the topic's <see cref="Layout"/> (schema fields, then metadata
/// columns): appended to a batch of that layout (a data file's row buffer, so the row is not copied again), or into the
/// one-row scratch <see cref="Row"/>; or explains in <see cref="Reject"/> why it cannot. Reused for every record of a
/// topic; not thread-safe. Payload bytes stay UTF-8: no string per field.
/// </summary>
public sealed class RecordDecoder
{
    private readonly TopicSchema _schema;
    private readonly FieldLookup _lookup;
    private readonly bool[] _seen;
    private readonly UnknownFieldsBuilder _unknown = new();
    private readonly MetadataWriter _metadata;
    private readonly PartitionMode _partitioning;
    private readonly int _eventTimeIndex;
    private RowBatch _target;

    public RecordDecoder(TopicSchema schema, DecoderOptions options)
    {
        if (options.Partitioning == PartitionMode.EventDate && schema.EventTimeIndex < 0)
        {
            throw new ConfigurationException($"topic '{schema.Topic}' is partitioned by event date but its schema "
                + "has no event-time field; name one or choose partitioning 'kafka-date' or 'none'");
        }

        _schema = schema;
        _lookup = new FieldLookup(schema.Fields);
        _seen = new bool[schema.Fields.Count];
        _partitioning = options.Partitioning;
        _eventTimeIndex = schema.EventTimeIndex;
        Layout = TableLayout.ForTopic(schema, options.Partitioning);
        Row = new RowBatch(Layout.Fields);
        _target = Row;
        _metadata = new MetadataWriter(schema.Fields.Count, Encoding.UTF8.GetBytes(options.RunId), TimeConversions.ToMicros(options.IngestedAt));
    }

    public TableLayout Layout { get; }

    /// <summary>The row decoded by <see cref="TryDecode(in RawRecord)"/> (valid after it returned true).</summary>
    public RowBatch Row { get; }

    /// <summary>The last row's <c>dt</c> as days since 1970-01-01, or null for the default (null) partition.</summary>
    public int? PartitionDay { get; private set; }

    /// <summary>Why the last record was rejected (valid after a <c>TryDecode</c> returned false).</summary>
    public DecodeReject? Reject { get; private set; }

    /// <summary>Decodes the record into the one-row scratch <see cref="Row"/>.</summary>
    public bool TryDecode(in RawRecord record)
    {
        Row.Clear();
        return TryDecode(record, Row);
    }

    /// <summary>
    /// Decodes the record as one more row at the end of <paramref name="target"/>, a batch of <see cref="Layout"/>.
    /// When it is rejected, <paramref name="target"/> is left as it was.
    /// </summary>
    public bool TryDecode(in RawRecord record, RowBatch target)
    {
        if (!ReferenceEquals(target.Fields, Layout.Fields))
        {
            throw new ArgumentException("the batch is not of this decoder's table layout", nameof(target));
        }

        var mark = target.RowCount;
        _target = target;
        try
        {
            Reject = Decode(record);
            if (Reject is null)
            {
                _metadata.Append(target, record, _unknown);
                PartitionDay = ComputePartitionDay(record);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Safety net (issue 13): no record's bytes may stop the run. Every known hostile input has an explicit
            // rule above; the fuzzer (scripts/fuzz-decode.sh) fails on any record that only this catch kept.
            Reject = new DecodeReject(RejectKind.InternalError, "the decoder failed on this record without a rule for it "
                + $"(a ClickBatch bug; raw_value keeps the bytes for a re-ingest): {ex.GetType().Name}: {ex.Message}");
        }

        if (Reject is not null)
        {
            target.TruncateRows(mark);
        }

        return Reject is null;
    }

    private DecodeReject? Decode(in RawRecord record)
    {
        if (record.Value is not { } value)
        {
            return new DecodeReject(RejectKind.Tombstone, "expected a JSON object, found a null value (tombstone)");
        }

        var json = value.Span;
        if (json.IsEmpty)
        {
            return new DecodeReject(RejectKind.EmptyPayload, "expected a JSON object, found an empty value (0 bytes)");
        }

        if (!Utf8.IsValid(json))
        {
            return new DecodeReject(RejectKind.InvalidUtf8, "expected UTF-8 JSON, found bytes that are not valid UTF-8");
        }

        try
        {
            return ParseDocument(json);
        }
        catch (JsonException ex)
        {
            return new DecodeReject(RejectKind.InvalidJson,
                "expected one JSON object, found invalid or truncated JSON: " + ex.Message);
        }
    }

    private DecodeReject? ParseDocument(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        if (!reader.Read())
        {
            throw new JsonException("the value holds only whitespace");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var found = reader.TokenType;
            reader.Skip();
            ReadToEnd(ref reader);
            return new DecodeReject(RejectKind.NotAnObject, "expected a JSON object, found a JSON " + Describe(found));
        }

        var reject = ParseObject(ref reader, json);
        ReadToEnd(ref reader);
        return reject ?? FinishFields();
    }

    private DecodeReject? ParseObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        Array.Clear(_seen);
        _unknown.Reset();
        var hint = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = _lookup.Find(ref reader, hint);
            var reject = index switch
            {
                >= 0 => ReadKnown(ref reader, index),
                FieldLookup.InvalidName => new DecodeReject(RejectKind.InvalidEscape, "expected property names of Unicode text, "
                    + "found one with an escaped lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair)"),
                _ => AddUnknown(ref reader, json),
            };
            if (reject is not null)
            {
                return reject;
            }

            hint = index + 1;
        }

        return null;
    }

    private DecodeReject? ReadKnown(ref Utf8JsonReader reader, int index)
    {
        var field = _schema.Fields[index];
        if (_seen[index])
        {
            return new DecodeReject(RejectKind.DuplicateField,
                $"field '{field.Name}': expected it at most once, found it twice in the same object");
        }

        _seen[index] = true;
        reader.Read();
        if (reader.TokenType != JsonTokenType.Null)
        {
            return FieldValueReader.Read(ref reader, field, _target.Columns[index]);
        }

        if (field.Required)
        {
            return new DecodeReject(RejectKind.NullInRequiredField,
                $"field '{field.Name}': expected a {field.DeltaTypeName} value (required), found null");
        }

        _target.Columns[index].AppendNull();
        return null;
    }

    private DecodeReject? AddUnknown(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var rawName = reader.ValueSpan;
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        _unknown.Add(rawName, json[start..(int)reader.BytesConsumed]);
        return null;
    }

    private DecodeReject? FinishFields()
    {
        for (var i = 0; i < _seen.Length; i++)
        {
            if (_seen[i])
            {
                continue;
            }

            var field = _schema.Fields[i];
            if (field.Required)
            {
                return new DecodeReject(RejectKind.MissingRequiredField,
                    $"field '{field.Name}': expected a {field.DeltaTypeName} value (required), found no such property");
            }

            _target.Columns[i].AppendNull();
        }

        return null;
    }

    private int? ComputePartitionDay(in RawRecord record) => _partitioning switch
    {
        PartitionMode.EventDate => EventDay(),
        PartitionMode.KafkaDate => TimeConversions.KafkaMicros(record.TimestampMs) is { } micros ? TimeConversions.DayOfMicros(micros) : null,
        _ => null,
    };

    private int? EventDay()
    {
        var column = _target.Columns[_eventTimeIndex];
        if (column.LastRowIsNull)
        {
            return null;
        }

        return column is ValueColumn<long> micros
            ? TimeConversions.DayOfMicros(micros.Values[^1])
            : ((ValueColumn<int>)column).Values[^1];
    }

    private static void ReadToEnd(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
