using System.Text.Json;

namespace ClickBatch.Decoding;

/// <summary>
/// Converts the reader's current (non-null) value token into the field's column, or describes why it cannot.
/// Strict by design: strings must be JSON strings, numbers JSON numbers (decimals may also be numeric strings),
/// booleans true/false, and integers integer literals. Nothing is rounded or coerced silently.
/// </summary>
internal static class FieldValueReader
{
    private const int MaxTextLength = 64;

    public static DecodeReject? Read(ref Utf8JsonReader reader, FieldSpec field, ColumnBuffer column)
    {
        // Checked once here, before any reader unescapes the string (CopyString throws on a lone surrogate).
        if (reader.ValueIsEscaped && reader.TokenType == JsonTokenType.String && !JsonEscapes.SurrogatesArePaired(reader.ValueSpan))
        {
            return new DecodeReject(RejectKind.InvalidEscape, $"field '{field.Name}': expected a string of Unicode text, "
                + "found an escaped lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair)");
        }

        return ReadValue(ref reader, field, column);
    }

    private static DecodeReject? ReadValue(ref Utf8JsonReader reader, FieldSpec field, ColumnBuffer column) => field.Kind switch
    {
        FieldKind.String => ReadString(ref reader, field, (BytesColumn)column),
        FieldKind.Int => ReadInt(ref reader, field, (ValueColumn<int>)column),
        FieldKind.Long => ReadLong(ref reader, field, (ValueColumn<long>)column),
        FieldKind.Double => ReadDouble(ref reader, field, (ValueColumn<double>)column),
        FieldKind.Boolean => ReadBoolean(ref reader, field, (ValueColumn<bool>)column),
        FieldKind.Decimal => ReadDecimal(ref reader, field, (ValueColumn<long>)column),
        FieldKind.Timestamp => ReadTimestamp(ref reader, field, (ValueColumn<long>)column),
        FieldKind.Date => ReadDate(ref reader, field, (ValueColumn<int>)column),
        _ => WrongType(ref reader, field),
    };

    private static DecodeReject? ReadString(ref Utf8JsonReader reader, FieldSpec field, BytesColumn column)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType(ref reader, field);
        }

        if (!reader.ValueIsEscaped)
        {
            column.Append(reader.ValueSpan);
            return null;
        }

        var written = reader.CopyString(column.Reserve(reader.ValueSpan.Length));
        column.Commit(written);
        return null;
    }

    private static DecodeReject? ReadInt(ref Utf8JsonReader reader, FieldSpec field, ValueColumn<int> column)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            return WrongType(ref reader, field);
        }

        if (!reader.TryGetInt32(out var value))
        {
            return NotAnInteger(ref reader, field, "-2147483648..2147483647");
        }

        column.Append(value);
        return null;
    }

    private static DecodeReject? ReadLong(ref Utf8JsonReader reader, FieldSpec field, ValueColumn<long> column)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            return WrongType(ref reader, field);
        }

        if (!reader.TryGetInt64(out var value))
        {
            return NotAnInteger(ref reader, field, "-9223372036854775808..9223372036854775807");
        }

        column.Append(value);
        return null;
    }

    private static DecodeReject? ReadDouble(ref Utf8JsonReader reader, FieldSpec field, ValueColumn<double> column)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            return WrongType(ref reader, field);
        }

        if (!reader.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            return new DecodeReject(RejectKind.NumberOutOfRange,
                $"field '{field.Name}': expected a finite double, found a number outside the double range");
        }

        if (value == 0 && HasNonZeroDigit(reader.ValueSpan))
        {
            return new DecodeReject(RejectKind.NumberOutOfRange,
                $"field '{field.Name}': expected a double, found a non-zero number too small for one (it would be stored as 0)");
        }

        column.Append(value);
        return null;
    }

    private static DecodeReject? ReadBoolean(ref Utf8JsonReader reader, FieldSpec field, ValueColumn<bool> column)
    {
        if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
        {
            return WrongType(ref reader, field);
        }

        column.Append(reader.TokenType == JsonTokenType.True);
        return null;
    }

    private static DecodeReject? ReadDecimal(ref Utf8JsonReader reader, FieldSpec field, ValueColumn<long> column)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            return WrongType(ref reader, field);
        }

        Span<byte> buffer = stackalloc byte[MaxTextLength];
        ReadOnlySpan<byte> text = reader.TokenType == JsonTokenType.Number ? reader.ValueSpan : buffer[..Unescape(ref reader, buffer)];
        var result = DecimalParser.TryParse(text, field.Precision, field.Scale, out var unscaled);
        if (result != DecimalParseResult.Ok)
        {
            return DecimalReject(field, result);
        }

        column.Append(unscaled);
        return null;
    }

    private static DecodeReject? ReadTimestamp(ref Utf8JsonReader reader, FieldSpec field, ValueColumn<long> column)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType(ref reader, field);
        }

        Span<byte> buffer = stackalloc byte[MaxTextLength];
        if (!TimestampParser.TryParse(buffer[..Unescape(ref reader, buffer)], out var micros))
        {
            return new DecodeReject(RejectKind.InvalidTimestamp, $"field '{field.Name}': expected a timestamp "
                + "'yyyy-MM-dd HH:mm:ss[.ffffff]' (UTC) or ISO-8601 with optional offset, found a string that is neither");
        }

        column.Append(micros);
        return null;
    }

    private static DecodeReject? ReadDate(ref Utf8JsonReader reader, FieldSpec field, ValueColumn<int> column)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType(ref reader, field);
        }

        Span<byte> buffer = stackalloc byte[MaxTextLength];
        if (!TimestampParser.TryParseDate(buffer[..Unescape(ref reader, buffer)], out var date))
        {
            return new DecodeReject(RejectKind.InvalidTimestamp,
                $"field '{field.Name}': expected a date 'yyyy-MM-dd', found a string that is not a calendar date");
        }

        column.Append(TimeConversions.DayOf(date));
        return null;
    }

    /// <summary>Copies the unescaped string into the buffer; its length, or 0 (never a valid value) when it does not fit.</summary>
    private static int Unescape(ref Utf8JsonReader reader, scoped Span<byte> buffer)
    {
        if (reader.ValueSpan.Length > buffer.Length)
        {
            return 0;
        }

        if (reader.ValueIsEscaped)
        {
            return reader.CopyString(buffer);
        }

        reader.ValueSpan.CopyTo(buffer);
        return reader.ValueSpan.Length;
    }

    /// <summary>True when the literal's mantissa (the part before any exponent) has a digit other than 0.</summary>
    private static bool HasNonZeroDigit(ReadOnlySpan<byte> number)
    {
        var exponent = number.IndexOfAny("eE"u8);
        return (exponent < 0 ? number : number[..exponent]).IndexOfAnyInRange((byte)'1', (byte)'9') >= 0;
    }

    private static DecodeReject NotAnInteger(ref Utf8JsonReader reader, FieldSpec field, string range)
    {
        var span = reader.ValueSpan;
        return span.IndexOfAny("."u8) >= 0 || span.IndexOfAny("eE"u8) >= 0
            ? new DecodeReject(RejectKind.WrongType,
                $"field '{field.Name}': expected an integer literal ({field.DeltaTypeName}), found a number with a fraction or exponent")
            : new DecodeReject(RejectKind.NumberOutOfRange,
                $"field '{field.Name}': expected {field.DeltaTypeName} in {range}, found an integer outside that range");
    }

    private static DecodeReject DecimalReject(FieldSpec field, DecimalParseResult result) => result switch
    {
        DecimalParseResult.TooManyFractionDigits => new DecodeReject(RejectKind.NumberOutOfRange,
            $"field '{field.Name}': expected {field.DeltaTypeName}, found a value with more than {field.Scale} "
            + "fractional digits (it would have to be rounded)"),
        DecimalParseResult.TooManyIntegerDigits => new DecodeReject(RejectKind.NumberOutOfRange,
            $"field '{field.Name}': expected {field.DeltaTypeName}, found a value with more than "
            + $"{field.Precision - field.Scale} integer digits"),
        _ => new DecodeReject(RejectKind.WrongType,
            $"field '{field.Name}': expected {field.DeltaTypeName} as a JSON number or numeric string, found a string that is not a number"),
    };

    public static DecodeReject WrongType(ref Utf8JsonReader reader, FieldSpec field) =>
        new(RejectKind.WrongType, $"field '{field.Name}': expected {field.DeltaTypeName}, found {Describe(reader.TokenType)}");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
