using System.Text.Json;

namespace ClickBatch.Delta.Schema;

/// <summary>A (possibly nested) column: name, type, nullability and its column metadata (kept as JSON).</summary>
public sealed record StructField(string Name, DeltaType Type, bool Nullable, IReadOnlyDictionary<string, JsonElement> Metadata)
{
    public const string PhysicalNameKey = "delta.columnMapping.physicalName";

    public StructField(string name, DeltaType type, bool nullable = true)
        : this(name, type, nullable, new Dictionary<string, JsonElement>(StringComparer.Ordinal))
    {
    }

    /// <summary>The name in data files and partitionValues: the column-mapping physical name when present.</summary>
    public string PhysicalName =>
        Metadata.TryGetValue(PhysicalNameKey, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : Name;

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WritePropertyName("type");
        Type.WriteTo(writer);
        writer.WriteBoolean("nullable", Nullable);
        writer.WriteStartObject("metadata");
        foreach (var (key, value) in Metadata)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public bool Equals(StructField? other) =>
        other is not null && Name == other.Name && Type == other.Type && Nullable == other.Nullable
        && Metadata.Count == other.Metadata.Count
        && Metadata.All(m => other.Metadata.TryGetValue(m.Key, out var v) && JsonElement.DeepEquals(m.Value, v));

    public override int GetHashCode() => HashCode.Combine(Name, Type, Nullable);
}
