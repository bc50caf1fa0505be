using System.Text;
using System.Text.Json;
using ClickBatch.Decoding;

namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>
/// Checks one decode result against the rules, with <see cref="JsonDocument"/> as an independent second reader:
/// a reject has a known kind and a message, and <c>invalid_json</c> only for text JsonDocument refuses too; a
/// decoded row has one value per column of the layout, what JsonDocument reads for the known fields, and the
/// unknown fields as valid JSON holding each value's text exactly as in the payload.
/// </summary>
internal static class DecodeOracle
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 64 };

    /// <summary>The rule the result breaks, or null.</summary>
    public static string? Check(RecordDecoder decoder, TopicSchema schema, bool decoded, byte[] payload)
    {
        using var document = TryParse(payload);
        if (!decoded)
        {
            return CheckReject(decoder.Reject, document);
        }

        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return "decoded a payload that is not one valid JSON object for JsonDocument";
        }

        return CheckShape(decoder) ?? CheckFields(decoder, schema, document.RootElement) ?? CheckUnknown(decoder, schema, document.RootElement, payload);
    }

    private static string? CheckReject(DecodeReject? reject, JsonDocument? document)
    {
        if (reject is null || !Enum.IsDefined(reject.Kind) || string.IsNullOrWhiteSpace(reject.Message))
        {
            return "a reject without a known kind and a message";
        }

        if (reject.Kind == RejectKind.InternalError)
        {
            return "only the safety net caught it: " + reject.Message;
        }

        return reject.Kind == RejectKind.InvalidJson && document is not null
            ? "invalid_json for a payload JsonDocument reads: " + reject.Message
            : null;
    }

    private static string? CheckShape(RecordDecoder decoder)
    {
        var columns = decoder.Row.Columns;
        if (columns.Length != decoder.Layout.Fields.Count)
        {
            return $"the row has {columns.Length} columns, the layout {decoder.Layout.Fields.Count}";
        }

        foreach (var column in columns)
        {
            if (column.RowCount != 1 || (column.Field.Required && column.ValueCount != 1))
            {
                return $"column '{column.Field.Name}' holds {column.RowCount} rows and {column.ValueCount} values";
            }
        }

        return null;
    }

    private static string? CheckFields(RecordDecoder decoder, TopicSchema schema, JsonElement root)
    {
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var field = schema.Fields[i];
            var matches = root.EnumerateObject().Where(p => p.NameEquals(field.Name)).ToList();
            if (matches.Count > 1)
            {
                return $"decoded although '{field.Name}' appears {matches.Count} times";
            }

            var column = decoder.Row.Columns[i];
            if (matches.Count == 0 || matches[0].Value.ValueKind == JsonValueKind.Null)
            {
                if (column.ValueCount != 0)
                {
                    return $"'{field.Name}' is absent or null in the payload but has a value";
                }

                continue;
            }

            if (FieldProblem(field, matches[0].Value, column) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? FieldProblem(FieldSpec field, JsonElement value, ColumnBuffer column)
    {
        var same = field.Kind switch
        {
            FieldKind.String => ((BytesColumn)column).Value(0).SequenceEqual(Encoding.UTF8.GetBytes(value.GetString()!)),
            FieldKind.Int => ((ValueColumn<int>)column).Values[0] == value.GetInt32(),
            FieldKind.Long => ((ValueColumn<long>)column).Values[0] == value.GetInt64(),
            FieldKind.Double => (((ValueColumn<double>)column).Values[0].Equals(value.GetDouble()) && value.GetDouble() != 0) || IsZeroLiteral(value),
            FieldKind.Boolean => ((ValueColumn<bool>)column).Values[0] == value.GetBoolean(),
            _ => true,
        };
        return same ? null : $"'{field.Name}' differs from what JsonDocument reads: {value.GetRawText()}";
    }

    /// <summary>A double stored as 0 must be written as zero: a non-zero literal that underflows is out of range.</summary>
    private static bool IsZeroLiteral(JsonElement value)
    {
        var text = value.GetRawText();
        var mantissa = text.AsSpan(0, text.AsSpan().IndexOfAny('e', 'E') is var e and >= 0 ? e : text.Length);
        return value.GetDouble() == 0 && !mantissa.ContainsAny("123456789");
    }

    private static string? CheckUnknown(RecordDecoder decoder, TopicSchema schema, JsonElement root, byte[] payload)
    {
        var expected = root.EnumerateObject().Where(p => !schema.Fields.Any(f => p.NameEquals(f.Name))).ToList();
        var column = (BytesColumn)decoder.Row.Columns[decoder.Layout.Fields.Count - 1];
        if (expected.Count == 0)
        {
            return column.ValueCount == 0 ? null : "_unknown_fields has a value although every property is a schema field";
        }

        if (column.ValueCount == 0)
        {
            return "_unknown_fields is null although the payload has unknown properties";
        }

        var stored = column.Value(0).ToArray();
        using var unknown = TryParse(stored);
        if (unknown is null)
        {
            return "_unknown_fields is not valid JSON: " + Convert.ToHexString(stored);
        }

        var actual = unknown.RootElement.EnumerateObject().ToList();
        if (actual.Count != expected.Count)
        {
            return $"_unknown_fields holds {actual.Count} properties, the payload {expected.Count} unknown ones";
        }

        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i].Name != expected[i].Name || actual[i].Value.GetRawText() != expected[i].Value.GetRawText())
            {
                return $"_unknown_fields property {i} is not as in the payload: {actual[i].Value.GetRawText()}";
            }
        }

        return RawNamesProblem(stored, payload);
    }

    /// <summary>Each stored name's escaped spelling, quotes included, occurs in the payload (names are copied, not re-encoded).</summary>
    private static string? RawNamesProblem(byte[] stored, byte[] payload)
    {
        var reader = new Utf8JsonReader(stored);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1
                && payload.AsSpan().IndexOf(stored.AsSpan((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2)) < 0)
            {
                return "_unknown_fields spells a name differently from the payload: " + Encoding.UTF8.GetString(reader.ValueSpan);
            }
        }

        return null;
    }

    private static JsonDocument? TryParse(byte[] json)
    {
        try
        {
            return JsonDocument.Parse(json, Strict);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
