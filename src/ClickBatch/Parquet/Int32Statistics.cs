using System.Globalization;
using System.Text.Json;
using ClickBatch.Decoding;

namespace ClickBatch.Parquet;

/// <summary>int as a JSON number; date as "yyyy-MM-dd".</summary>
internal sealed class Int32Statistics(FieldSpec field) : ColumnStatistics(field)
{
    private int _min = int.MaxValue;
    private int _max = int.MinValue;

    protected override void UpdateMinMax(ColumnBuffer buffer)
    {
        var values = ((ValueColumn<int>)buffer).Values;
        foreach (var value in values)
        {
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }

        HasValues = true;
    }

    public override bool WriteMin(Utf8JsonWriter writer) => Write(writer, _min);

    public override bool WriteMax(Utf8JsonWriter writer) => Write(writer, _max);

    private bool Write(Utf8JsonWriter writer, int value)
    {
        if (Field.Kind == FieldKind.Date)
        {
            writer.WriteString(Field.Name, TimeConversions.DateOfDay(value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNumber(Field.Name, value);
        }

        return true;
    }
}
