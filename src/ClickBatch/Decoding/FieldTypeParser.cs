using System.Globalization;

namespace ClickBatch.Decoding;

/// <summary>Maps a configured type name (string, int, long, double, boolean, decimal(p,s), timestamp, date) to a field.</summary>
internal static class FieldTypeParser
{
    /// <summary>The field, or null when the type is unknown or a decimal's precision/scale is out of range.</summary>
    public static FieldSpec? TryParse(string name, string type, bool required)
    {
        var normalized = type.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        FieldKind? kind = normalized switch
        {
            "string" => FieldKind.String,
            "int" or "integer" => FieldKind.Int,
            "long" or "bigint" => FieldKind.Long,
            "double" => FieldKind.Double,
            "boolean" or "bool" => FieldKind.Boolean,
            "timestamp" => FieldKind.Timestamp,
            "date" => FieldKind.Date,
            _ => null,
        };
        if (kind is not null)
        {
            return new FieldSpec(name, kind.Value, required);
        }

        return TryParseDecimal(name, normalized, required);
    }

    private static FieldSpec? TryParseDecimal(string name, string normalized, bool required)
    {
        if (!normalized.StartsWith("decimal(", StringComparison.Ordinal) || !normalized.EndsWith(')'))
        {
            return null;
        }

        var parts = normalized["decimal(".Length..^1].Split(',');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var precision)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var scale)
            || precision < 1 || precision > FieldSpec.MaxDecimalPrecision || scale > precision)
        {
            return null;
        }

        return FieldSpec.Decimal(name, precision, scale, required);
    }
}
