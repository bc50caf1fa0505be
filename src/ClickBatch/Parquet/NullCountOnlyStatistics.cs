using System.Text.Json;
using ClickBatch.Decoding;

namespace ClickBatch.Parquet;

/// <summary>Booleans and binary: Delta keeps only the null count for them.</summary>
internal sealed class NullCountOnlyStatistics(FieldSpec field) : ColumnStatistics(field)
{
    protected override void UpdateMinMax(ColumnBuffer buffer) => HasValues = true;

    public override bool WriteMin(Utf8JsonWriter writer) => false;

    public override bool WriteMax(Utf8JsonWriter writer) => false;
}
