namespace ClickBatch.Decoding;

/// <summary>
/// The columns of a table's data files, in file order, and its partition column (a date, not stored in the files,
/// per Delta convention: the value lives in the add action and the Hive-style folder). The Delta schema is
/// <see cref="Fields"/> followed by <see cref="PartitionField"/> when there is one.
/// </summary>
public sealed record TableLayout(IReadOnlyList<FieldSpec> Fields, string? PartitionColumn)
{
    /// <summary>The partition column as a (nullable) date field, or null for an unpartitioned table.</summary>
    public FieldSpec? PartitionField => PartitionColumn is null ? null : new FieldSpec(PartitionColumn, FieldKind.Date, Required: false);

    /// <summary>Fields and partition field: the table's full logical schema.</summary>
    public IReadOnlyList<FieldSpec> DeltaFields => PartitionField is { } partition ? [.. Fields, partition] : Fields;

    /// <summary>The data table of a topic: its schema's fields, then <see cref="MetadataColumns.ForDataTable"/>.</summary>
    public static TableLayout ForTopic(TopicSchema schema, PartitionMode partitioning) => new(
        [.. schema.Fields, .. MetadataColumns.ForDataTable],
        partitioning == PartitionMode.None ? null : MetadataColumns.PartitionDate);

    /// <summary>The <c>&lt;topic&gt;_rejects</c> table, partitioned by the UTC day of the Kafka timestamp.</summary>
    public static TableLayout Rejects { get; } = new(
    [
        new FieldSpec(MetadataColumns.KafkaTopic, FieldKind.String, Required: true),
        new FieldSpec(MetadataColumns.KafkaPartition, FieldKind.Int, Required: true),
        new FieldSpec(MetadataColumns.KafkaOffset, FieldKind.Long, Required: true),
        new FieldSpec(MetadataColumns.KafkaTimestamp, FieldKind.Timestamp, Required: false),
        new FieldSpec(MetadataColumns.KafkaKey, FieldKind.String, Required: false),
        new FieldSpec(RejectColumns.RawValue, FieldKind.Binary, Required: false),
        new FieldSpec(RejectColumns.ErrorKind, FieldKind.String, Required: true),
        new FieldSpec(RejectColumns.ErrorMessage, FieldKind.String, Required: true),
        new FieldSpec(MetadataColumns.RunId, FieldKind.String, Required: true),
        new FieldSpec(MetadataColumns.IngestedAt, FieldKind.Timestamp, Required: true),
    ], MetadataColumns.PartitionDate);
}
