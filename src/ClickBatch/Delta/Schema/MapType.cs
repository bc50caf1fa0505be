using System.Text.Json;

namespace ClickBatch.Delta.Schema;

public sealed record MapType(DeltaType KeyType, DeltaType ValueType, bool ValueContainsNull) : DeltaType
{
    public override string ToTypeString() => "map<" + KeyType.ToTypeString() + ", " + ValueType.ToTypeString() + ">";

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "map");
        writer.WritePropertyName("keyType");
        KeyType.WriteTo(writer);
        writer.WritePropertyName("valueType");
        ValueType.WriteTo(writer);
        writer.WriteBoolean("valueContainsNull", ValueContainsNull);
        writer.WriteEndObject();
    }
}
