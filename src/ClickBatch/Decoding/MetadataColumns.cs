namespace ClickBatch.Decoding;

/// <summary>
/// Names of the columns ClickBatch adds to every row (and reject): where the record came from, which run wrote it,
/// and the JSON properties the schema does not know. Topic schemas may not reuse these names.
/// </summary>
public static class MetadataColumns
{
    public const string KafkaTopic = "_kafka_topic";
    public const string KafkaPartition = "_kafka_partition";
    public const string KafkaOffset = "_kafka_offset";
    public const string KafkaTimestamp = "_kafka_timestamp";
    public const string KafkaKey = "_kafka_key";
    public const string RunId = "_run_id";
    public const string IngestedAt = "_ingested_at";
    public const string UnknownFields = "_unknown_fields";

    /// <summary>The partition column (UTC date) of data and rejects tables.</summary>
    public const string PartitionDate = "dt";

    /// <summary>The metadata columns appended after the schema's fields, in file order.</summary>
    public static IReadOnlyList<FieldSpec> ForDataTable { get; } =
    [
        new FieldSpec(KafkaPartition, FieldKind.Int, Required: true),
        new FieldSpec(KafkaOffset, FieldKind.Long, Required: true),
        new FieldSpec(KafkaTimestamp, FieldKind.Timestamp, Required: false),
        new FieldSpec(KafkaKey, FieldKind.String, Required: false),
        new FieldSpec(RunId, FieldKind.String, Required: true),
        new FieldSpec(IngestedAt, FieldKind.Timestamp, Required: true),
        new FieldSpec(UnknownFields, FieldKind.String, Required: false),
    ];

    /// <summary>True for names reserved by ClickBatch (the metadata columns, anything starting "_kafka_", and dt).</summary>
    public static bool IsReserved(string name) =>
        name.StartsWith("_kafka_", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, RunId, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, IngestedAt, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, UnknownFields, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, PartitionDate, StringComparison.OrdinalIgnoreCase);
}
