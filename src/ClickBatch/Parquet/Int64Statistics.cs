using System.Globalization;
using System.Text.Json;
using ClickBatch.Decoding;

namespace ClickBatch.Parquet;

/// <summary>
/// long as a JSON number; decimal as a JSON number with its scale; timestamp as ISO-8601 UTC with milliseconds,
/// the min truncated down and the max rounded up to the millisecond so data skipping never drops a matching file.
/// </summary>
internal sealed class Int64Statistics(FieldSpec field) : ColumnStatistics(field)
{
    private long _min = long.MaxValue;
    private long _max = long.MinValue;

    protected override void UpdateMinMax(ColumnBuffer buffer)
    {
        var values = ((ValueColumn<long>)buffer).Values;
        foreach (var value in values)
        {
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }

        HasValues = true;
    }

    public override bool WriteMin(Utf8JsonWriter writer) => Write(writer, _min);

    public override bool WriteMax(Utf8JsonWriter writer) => Write(writer, _max);

    private bool Write(Utf8JsonWriter writer, long value)
    {
        switch (Field.Kind)
        {
            case FieldKind.Timestamp:
                writer.WriteString(Field.Name, FormatTimestamp(value));
                break;
            case FieldKind.Decimal:
                writer.WriteNumber(Field.Name, ToDecimal(value, Field.Scale));
                break;
            default:
                writer.WriteNumber(Field.Name, value);
                break;
        }

        return true;
    }

    /// <summary>
    /// PROTOCOL.md "Per-file Statistics": "Timestamp columns are truncated down to milliseconds", min and max alike
    /// (readers that skip on the max allow for the truncated sub-millisecond part, as Spark adds 1 ms).
    /// </summary>
    internal static string FormatTimestamp(long micros)
    {
        var millis = Math.DivRem(micros, 1000, out var rest);
        millis -= rest < 0 ? 1 : 0;
        return DateTime.UnixEpoch.AddMilliseconds(millis).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The exact decimal of an unscaled value (|value| &lt; 10^18, so it fits the low 64 bits).</summary>
    internal static decimal ToDecimal(long unscaled, int scale)
    {
        var magnitude = (ulong)Math.Abs(unscaled);
        return new decimal((int)(magnitude & 0xFFFFFFFF), (int)(magnitude >> 32), 0, unscaled < 0, (byte)scale);
    }
}
