using System.Text.Json;
using static ClickBatch.Generation.EventFields;

namespace ClickBatch.Generation;

/// <summary>
/// Writes one click or checkout as JSON with the seed system's field order and types, optionally spoiling one
/// field or adding unknown ones (<see cref="RecordFault"/>). Values not in the plan come from the record's entropy.
/// </summary>
internal sealed class EventWriter
{
    private readonly ProductCatalog _catalog;
    private readonly DeterministicRandom _random;
    private readonly AddressWriter _addresses;
    private readonly byte[] _scratch = new byte[256];
    private Utf8JsonWriter _json = null!;

    public EventWriter(ProductCatalog catalog, DeterministicRandom random, ulong seed)
    {
        _catalog = catalog;
        _random = random;
        _addresses = new AddressWriter(seed);
    }

    public void Write(Utf8JsonWriter json, in PlannedRecord record, RecordFault fault)
    {
        _json = json;
        json.WriteStartObject();
        if (record.Topic == EventTopic.Clicks)
        {
            WriteClick(record, fault);
        }
        else
        {
            WriteCheckout(record, fault);
        }

        if (fault.ExtraFields)
        {
            WriteExtraFields();
        }

        json.WriteEndObject();
        json.Flush();
    }

    private void WriteClick(in PlannedRecord record, RecordFault fault)
    {
        var product = _catalog[record.ProductIndex];
        WriteGuid(ClickId, record.EventId, fault.For(EventIdField));
        WriteUserId(record.UserId, fault.For(UserIdField));
        WriteGuid(ProductId, product.Id, fault.For(ProductIdField));
        _json.WriteString(EventFields.Product, product.Name);
        WriteAmount(Price, product.PriceCents, fault.For(AmountField));
        _json.WriteString(Url, ComposeUrl(product.Id));
        WriteBrowser();
        WriteTimestamp(record.TimestampUnixMs, fault.For(DatetimeField(EventTopic.Clicks)));
    }

    private void WriteCheckout(in PlannedRecord record, RecordFault fault)
    {
        var product = _catalog[record.ProductIndex];
        WriteGuid(CheckoutId, record.EventId, fault.For(EventIdField));
        WriteUserId(record.UserId, fault.For(UserIdField));
        WriteGuid(ProductId, product.Id, fault.For(ProductIdField));
        _json.WriteString(PaymentMethod, Vocabulary.PaymentMethods[_random.Next(Vocabulary.PaymentMethods.Length)]);
        WriteAmount(TotalAmount, TotalCents(product.PriceCents), fault.For(AmountField));
        var billingDiffers = _random.Next(5) == 0;
        _json.WriteString(ShippingAddress, _addresses.Compose(record.UserId, 0, _scratch));
        _json.WriteString(BillingAddress, _addresses.Compose(record.UserId, billingDiffers ? 1 : 0, _scratch));
        WriteBrowser();
        WriteTimestamp(record.TimestampUnixMs, fault.For(DatetimeField(EventTopic.Checkouts)));
    }

    /// <summary>Price times a quantity (mostly 1) plus shipping (free above $50).</summary>
    private int TotalCents(int priceCents)
    {
        var quantity = _random.Next(10) == 0 ? _random.Next(2, 4) : 1;
        var subtotal = priceCents * quantity;
        return subtotal + (subtotal >= 5_000 ? 0 : 499);
    }

    private void WriteGuid(JsonEncodedText name, Guid value, FieldFault fault)
    {
        if (!TryWriteFault(name, fault))
        {
            _json.WriteString(name, value);
        }
    }

    private void WriteUserId(int userId, FieldFault fault)
    {
        if (fault == FieldFault.WrongType)
        {
            _json.WriteString(UserId, "abc"u8);
        }
        else if (!TryWriteFault(UserId, fault))
        {
            _json.WriteNumber(UserId, userId);
        }
    }

    private void WriteAmount(JsonEncodedText name, int cents, FieldFault fault)
    {
        if (fault == FieldFault.WrongType)
        {
            // A decimal comma in a string, as a European locale's ToString() gives: "12,50".
            var position = 0;
            Utf8Text.Append(_scratch, ref position, cents / 100);
            _scratch[position++] = (byte)',';
            Utf8Text.WriteDigits(_scratch.AsSpan(position, 2), cents % 100);
            _json.WriteString(name, _scratch.AsSpan(0, position + 2));
        }
        else if (!TryWriteFault(name, fault))
        {
            _json.WriteNumber(name, Utf8Text.Money(cents));
        }
    }

    private void WriteTimestamp(long unixMs, FieldFault fault)
    {
        if (!TryWriteFault(DatetimeOccured, fault))
        {
            Utf8Text.WriteTimestamp(unixMs, _scratch);
            _json.WriteString(DatetimeOccured, _scratch.AsSpan(0, Utf8Text.TimestampLength));
        }
    }

    private bool TryWriteFault(JsonEncodedText name, FieldFault fault)
    {
        if (fault == FieldFault.Null)
        {
            _json.WriteNull(name);
        }

        return fault is FieldFault.Null or FieldFault.Omit;
    }

    private void WriteBrowser()
    {
        _json.WriteString(UserAgent, Vocabulary.UserAgents[_random.Next(Vocabulary.UserAgents.Length)]);
        var position = 0;
        Span<byte> ip = _scratch;
        var first = _random.Next(1, 224);
        Utf8Text.Append(ip, ref position, first is 10 or 127 ? first + 1 : first);
        for (var i = 0; i < 3; i++)
        {
            ip[position++] = (byte)'.';
            Utf8Text.Append(ip, ref position, _random.Next(256));
        }

        _json.WriteString(IpAddress, ip[..position]);
    }

    private ReadOnlySpan<byte> ComposeUrl(Guid productId)
    {
        var position = 0;
        Utf8Text.Append(_scratch, ref position, "https://shop.example.com/products/"u8);
        productId.TryFormat(_scratch.AsSpan(position), out var written, "D");
        position += written;
        Utf8Text.Append(_scratch, ref position, "?utm_source="u8);
        Utf8Text.Append(_scratch, ref position, Vocabulary.UtmSources[_random.Next(Vocabulary.UtmSources.Length)]);
        return _scratch.AsSpan(0, position);
    }

    /// <summary>Fields a newer producer adds: a string, a nested object and a boolean.</summary>
    private void WriteExtraFields()
    {
        _json.WriteString("session_id"u8, _random.NextGuid());
        _json.WriteStartObject("experiment"u8);
        _json.WriteString("name"u8, "one-click-checkout"u8);
        _json.WriteString("arm"u8, _random.Next(2) == 0 ? "a"u8 : "b"u8);
        _json.WriteEndObject();
        _json.WriteBoolean("marketing_consent"u8, _random.Next(2) == 0);
    }
}
