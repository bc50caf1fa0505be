using System.Text.Json;
using ClickBatch.Decoding;

namespace ClickBatch.Parquet;

/// <summary>double as a JSON number (the decoder admits finite values only).</summary>
internal sealed class DoubleStatistics(FieldSpec field) : ColumnStatistics(field)
{
    private double _min = double.MaxValue;
    private double _max = double.MinValue;

    protected override void UpdateMinMax(ColumnBuffer buffer)
    {
        var values = ((ValueColumn<double>)buffer).Values;
        foreach (var value in values)
        {
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }

        HasValues = true;
    }

    public override bool WriteMin(Utf8JsonWriter writer)
    {
        writer.WriteNumber(Field.Name, _min);
        return true;
    }

    public override bool WriteMax(Utf8JsonWriter writer)
    {
        writer.WriteNumber(Field.Name, _max);
        return true;
    }
}
