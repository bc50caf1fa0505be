using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClickBatch.Delta.Schema;

/// <summary>Parses and serializes <c>metaData.schemaString</c> exactly per PROTOCOL.md "Schema Serialization Format".</summary>
public static class DeltaSchema
{
    // Column names may be any Unicode; keep them readable in the log as Spark does (no \uXXXX escaping).
    private static readonly System.Text.Encodings.Web.JavaScriptEncoder DeltaActionEncoder =
        System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static StructType Parse(string schemaString)
    {
        try
        {
            using var document = JsonDocument.Parse(schemaString);
            return ParseType(document.RootElement) as StructType
                ?? throw new JsonException("the top-level type is not a struct");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new DeltaLogCorruptException(
                "Expected metaData.schemaString to be a Delta struct schema, but it could not be parsed: " + ex.Message
                + ". The table metadata is damaged or written by an incompatible engine.", ex);
        }
    }

    public static string Serialize(StructType schema)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DeltaActionEncoder }))
        {
            schema.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static DeltaType ParseType(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return ParsePrimitive(element.GetString()!);
        }

        return element.GetProperty("type").GetString() switch
        {
            "struct" => new StructType(element.GetProperty("fields").EnumerateArray().Select(ParseField).ToList()),
            "array" => new ArrayType(ParseType(element.GetProperty("elementType")), element.GetProperty("containsNull").GetBoolean()),
            "map" => new MapType(
                ParseType(element.GetProperty("keyType")),
                ParseType(element.GetProperty("valueType")),
                element.GetProperty("valueContainsNull").GetBoolean()),
            var other => throw new JsonException("unknown nested type '" + other + "'"),
        };
    }

    private static StructField ParseField(JsonElement element)
    {
        var metadata = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (element.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in meta.EnumerateObject())
            {
                metadata[property.Name] = property.Value.Clone();
            }
        }

        var nullable = !element.TryGetProperty("nullable", out var n) || n.GetBoolean();
        return new StructField(element.GetProperty("name").GetString()!, ParseType(element.GetProperty("type")), nullable, metadata);
    }

    private static DeltaType ParsePrimitive(string name)
    {
        if (!name.StartsWith("decimal", StringComparison.Ordinal))
        {
            return new PrimitiveType(name);
        }

        if (name == "decimal")
        {
            return new DecimalType(10, 0);
        }

        var inner = name["decimal(".Length..^1].Split(',');
        return new DecimalType(
            int.Parse(inner[0].Trim(), CultureInfo.InvariantCulture),
            int.Parse(inner[1].Trim(), CultureInfo.InvariantCulture));
    }
}
