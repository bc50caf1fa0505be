using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClickBatch.Generation;

/// <summary>
/// Turns a <see cref="PlannedRecord"/> into its Kafka key and value bytes: a pure function of the record, the
/// catalog and the seed. Reuses one buffer and one <see cref="Utf8JsonWriter"/>; not thread-safe.
/// </summary>
public sealed class RecordEncoder : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Like the seed system's Python json.dumps: no HTML-safe escaping of '+', '&', '<'.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly DeterministicRandom _random = new(0);
    private readonly EventWriter _events;
    private readonly byte[] _key = new byte[16];

    public RecordEncoder(ProductCatalog catalog, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
        _events = new EventWriter(catalog, _random, seed);
    }

    public static RecordEncoder For(GenerationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new RecordEncoder(plan.Catalog, plan.Options.Seed);
    }

    /// <summary>Encodes one record; the result's spans are valid until the next call.</summary>
    public EncodedRecord Encode(in PlannedRecord record)
    {
        _random.Reseed(record.Entropy);
        record.UserId.TryFormat(_key, out var keyLength, default, System.Globalization.CultureInfo.InvariantCulture);
        var key = _key.AsSpan(0, keyLength);
        if (record.Role != RecordRole.Malformed)
        {
            return new EncodedRecord(key, WriteJson(record, RecordFault.None), isTombstone: false);
        }

        return record.Malformed switch
        {
            MalformedKind.EmptyPayload => new EncodedRecord(key, [], isTombstone: false),
            MalformedKind.Tombstone => new EncodedRecord(key, [], isTombstone: true),
            MalformedKind.TruncatedJson => new EncodedRecord(key, Truncate(WriteJson(record, RecordFault.None)), isTombstone: false),
            MalformedKind.NonUtf8Bytes => new EncodedRecord(key, SpoilUtf8(record.Topic, WriteJson(record, RecordFault.None)), isTombstone: false),
            _ => new EncodedRecord(key, WriteJson(record, FaultFor(record)), isTombstone: false),
        };
    }

    public void Dispose() => _json.Dispose();

    private Span<byte> WriteJson(in PlannedRecord record, RecordFault fault)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _events.Write(_json, record, fault);
        MemoryMarshal.TryGetArray(_buffer.WrittenMemory, out var written);
        return written.AsSpan();
    }

    private RecordFault FaultFor(in PlannedRecord record) => record.Malformed switch
    {
        MalformedKind.WrongTypes => new RecordFault(
            _random.Next(2) == 0 ? EventFields.UserIdField : EventFields.AmountField, FieldFault.WrongType, false),
        MalformedKind.MissingRequiredField => new RecordFault(RequiredField(record.Topic), FieldFault.Omit, false),
        MalformedKind.NullRequiredField => new RecordFault(RequiredField(record.Topic), FieldFault.Null, false),
        MalformedKind.UnknownExtraFields => new RecordFault(-1, FieldFault.None, true),
        _ => RecordFault.None,
    };

    /// <summary>One of the fields attribution cannot do without: the event id, user_id, product_id, datetime_occured.</summary>
    private int RequiredField(EventTopic topic) => _random.Next(4) switch
    {
        0 => EventFields.EventIdField,
        1 => EventFields.UserIdField,
        2 => EventFields.ProductIdField,
        _ => EventFields.DatetimeField(topic),
    };

    /// <summary>Cuts the JSON anywhere before its closing brace, as a producer dying mid-write would.</summary>
    private Span<byte> Truncate(Span<byte> json) => json[.._random.Next(1, json.Length - 1)];

    /// <summary>Replaces the first letter of the product name (clicks) or shipping address (checkouts) with Latin-1 'é' (0xE9).</summary>
    private static Span<byte> SpoilUtf8(EventTopic topic, Span<byte> json)
    {
        var marker = topic == EventTopic.Clicks ? "\"product\":\""u8 : "\"shipping_address\":\""u8;
        json[json.IndexOf(marker) + marker.Length] = 0xE9;
        return json;
    }
}
