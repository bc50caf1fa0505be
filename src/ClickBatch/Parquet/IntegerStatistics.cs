using System.Globalization;
using System.Numerics;
using System.Text.Json;
using ClickBatch.Decoding;

namespace ClickBatch.Parquet;

/// <summary>
/// Min and max of an int or long column, written as its Delta type wants them: int and long as JSON numbers, date as
/// "yyyy-MM-dd", decimal as a JSON number with its scale, timestamp as ISO-8601 UTC with milliseconds (both truncated
/// down, PROTOCOL.md "Per-file Statistics").
/// </summary>
internal sealed class IntegerStatistics<T>(FieldSpec field) : ColumnStatistics(field)
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    private T _min = T.MaxValue;
    private T _max = T.MinValue;

    protected override void UpdateMinMax(ColumnBuffer buffer)
    {
        foreach (var value in ((ValueColumn<T>)buffer).Values)
        {
            _min = T.Min(_min, value);
            _max = T.Max(_max, value);
        }

        HasValues = true;
    }

    public override bool WriteMin(Utf8JsonWriter writer) => Write(writer, long.CreateChecked(_min));

    public override bool WriteMax(Utf8JsonWriter writer) => Write(writer, long.CreateChecked(_max));

    private bool Write(Utf8JsonWriter writer, long value)
    {
        switch (Field.Kind)
        {
            case FieldKind.Date:
                writer.WriteString(Field.Name, TimeConversions.DateOfDay((int)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case FieldKind.Timestamp:
                writer.WriteString(Field.Name, StatisticsFormats.FormatTimestamp(value));
                break;
            case FieldKind.Decimal:
                writer.WriteNumber(Field.Name, StatisticsFormats.ToDecimal(value, Field.Scale));
                break;
            default:
                writer.WriteNumber(Field.Name, value);
                break;
        }

        return true;
    }
}
