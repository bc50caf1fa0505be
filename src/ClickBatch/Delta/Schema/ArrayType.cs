using System.Text.Json;

namespace ClickBatch.Delta.Schema;

public sealed record ArrayType(DeltaType ElementType, bool ContainsNull) : DeltaType
{
    public override string ToTypeString() => "array<" + ElementType.ToTypeString() + ">";

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "array");
        writer.WritePropertyName("elementType");
        ElementType.WriteTo(writer);
        writer.WriteBoolean("containsNull", ContainsNull);
        writer.WriteEndObject();
    }
}
