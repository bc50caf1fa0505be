namespace ClickBatch.Catalog.Glue;

/// <summary>Glue "SerDeInfo": the Hive serializer/deserializer of a table or partition.</summary>
public sealed record GlueSerDeInfo(
    string? Name,
    string SerializationLibrary,
    IReadOnlyDictionary<string, string>? Parameters = null);
