using ClickBatch.Delta;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Snapshots;

namespace ClickBatch.Catalog.Glue;

/// <summary>
/// The Glue definition of a Delta table for Redshift Spectrum: data columns (partition columns excluded) mapped to
/// Hive types, partition columns as partition keys, location <c>&lt;table&gt;/_symlink_format_manifest/</c>,
/// SymlinkTextInputFormat + ParquetHiveSerDe, EXTERNAL_TABLE, and parameters naming the Delta source. Partition
/// locations are the manifest folders <see cref="ManifestWriter"/> writes (<see cref="PartitionPath"/>).
/// </summary>
public static class GlueTableBuilder
{
    public const string DeltaLocationParameter = "clickbatch.delta.location";
    public const string DeltaTableIdParameter = "clickbatch.delta.tableId";

    public static GlueTableInput Table(string name, Snapshot snapshot, Uri tableRoot)
    {
        var root = RootLocation(tableRoot);
        return new GlueTableInput
        {
            Name = name,
            Description = "Delta table " + root + " (registered by ClickBatch; read through symlink manifests)",
            TableType = GlueFormats.ExternalTable,
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["EXTERNAL"] = "TRUE",
                [DeltaLocationParameter] = root,
                [DeltaTableIdParameter] = snapshot.Metadata.Id,
            },
            StorageDescriptor = Storage(DataColumns(snapshot), root + ManifestWriter.Prefix),
            PartitionKeys = PartitionKeys(snapshot),
        };
    }

    /// <summary>One partition per distinct partition-values tuple of the active files, pointing at its manifest folder.</summary>
    public static IReadOnlyList<GluePartitionInput> Partitions(Snapshot snapshot, Uri tableRoot)
    {
        var columns = snapshot.PartitionColumns;
        if (columns.Count == 0)
        {
            return [];
        }

        var root = RootLocation(tableRoot);
        var dataColumns = DataColumns(snapshot);
        var physical = PartitionPhysicalNames(snapshot);
        return snapshot.ActiveFiles
            .Select(f => physical.Select(c => f.PartitionValues.GetValueOrDefault(c)).ToList())
            .DistinctBy(PartitionKey, StringComparer.Ordinal)
            .Select(values => new GluePartitionInput(
                values.Select(PartitionValue).ToList(),
                Storage(dataColumns, root + ManifestWriter.Prefix + PartitionPath.Build(columns, ByColumn(columns, values)) + "/")))
            .ToList();
    }

    /// <summary>The keys of add.partitionValues for the partition columns, in partition order (physical names under column mapping).</summary>
    public static IReadOnlyList<string> PartitionPhysicalNames(Snapshot snapshot) =>
        PartitionFields(snapshot).Select(f => f.PhysicalName).ToList();

    /// <summary>A set key for partition values (the values joined by a separator no value contains).</summary>
    public static string PartitionKey(IEnumerable<string?> values) =>
        string.Join('\u0001', values.Select(PartitionValue));

    /// <summary>The partition value Hive and Glue use: null and empty become __HIVE_DEFAULT_PARTITION__.</summary>
    public static string PartitionValue(string? value) => string.IsNullOrEmpty(value) ? PartitionPath.NullPartition : value;

    private static Dictionary<string, string?> ByColumn(IReadOnlyList<string> columns, IReadOnlyList<string?> values) =>
        columns.Select((c, i) => (c, values[i])).ToDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal);

    private static GlueStorageDescriptor Storage(IReadOnlyList<GlueColumn> columns, string location) => new()
    {
        Columns = columns,
        Location = location,
        InputFormat = GlueFormats.SymlinkTextInputFormat,
        OutputFormat = GlueFormats.HiveIgnoreKeyTextOutputFormat,
        SerdeInfo = new GlueSerDeInfo(null, GlueFormats.ParquetHiveSerDe, new Dictionary<string, string> { ["serialization.format"] = "1" }),
    };

    private static List<GlueColumn> DataColumns(Snapshot snapshot) =>
        snapshot.Schema.Fields
            .Where(f => !snapshot.PartitionColumns.Contains(f.Name, StringComparer.OrdinalIgnoreCase))
            .Select(f => new GlueColumn(f.PhysicalName, HiveTypes.Of(f.Type)))
            .ToList();

    // Partition keys keep their logical names: Spectrum takes their values from Glue, not from the files.
    private static List<GlueColumn> PartitionKeys(Snapshot snapshot) =>
        PartitionFields(snapshot).Select(f => new GlueColumn(f.Name, HiveTypes.Of(f.Type))).ToList();

    private static IEnumerable<Delta.Schema.StructField> PartitionFields(Snapshot snapshot) =>
        snapshot.PartitionColumns.Select(c => snapshot.Schema.Find(c) ?? throw new DeltaLogCorruptException(
            "Partition column '" + c + "' is not in the schema of " + snapshot.Table + "; the table metadata is inconsistent."));

    private static string RootLocation(Uri tableRoot)
    {
        var root = Uri.UnescapeDataString(tableRoot.AbsoluteUri);
        return root.EndsWith('/') ? root : root + "/";
    }
}
