namespace ClickBatch.Parquet;

/// <summary>
/// A finished Parquet data file in the staging directory, with what a Delta add action needs.
/// <see cref="RelativePath"/> is the object key below the table root (e.g. <c>dt=2024-01-05/part-&lt;uuid&gt;.zstd.parquet</c>);
/// <see cref="DeltaPath"/> is the same path URI-encoded as the add action's <c>path</c>. <see cref="PartitionValues"/>
/// maps partition column to its serialized value (null for the null partition); <see cref="StatsJson"/> is the add
/// action's <c>stats</c> string; <see cref="KafkaOffsets"/> lists the offsets per topic partition in the file.
/// </summary>
public sealed record ClosedDataFile(
    string LocalPath,
    string RelativePath,
    string DeltaPath,
    IReadOnlyDictionary<string, string?> PartitionValues,
    long SizeBytes,
    long NumRecords,
    string StatsJson,
    IReadOnlyList<KafkaOffsetRange> KafkaOffsets);
