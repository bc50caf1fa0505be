using System.Globalization;
using System.Text.Json;

namespace ClickBatch.Delta.Schema;

/// <summary>decimal(precision, scale), precision and scale up to 38; serialized as Spark does: <c>decimal(p,s)</c>.</summary>
public sealed record DecimalType(int Precision, int Scale) : DeltaType
{
    public override string ToTypeString() =>
        string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})");

    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(ToTypeString());
}
