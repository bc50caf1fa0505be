using System.Text.Json;

namespace ClickBatch.Delta.Schema;

/// <summary>A struct: the table schema itself or a nested struct column.</summary>
public sealed record StructType(IReadOnlyList<StructField> Fields) : DeltaType
{
    public override string ToTypeString() =>
        "struct<" + string.Join(", ", Fields.Select(f => f.Name + ": " + f.Type.ToTypeString())) + ">";

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "struct");
        writer.WriteStartArray("fields");
        foreach (var field in Fields)
        {
            field.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The field with this name (names are unique regardless of case, so the match ignores case), or null.</summary>
    public StructField? Find(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool Equals(StructType? other) => other is not null && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => Fields.Count;
}
