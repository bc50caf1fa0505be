using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Schema;

namespace ClickBatch.Delta.Writing;

/// <summary>
/// Decides whether ClickBatch may write a table (PROTOCOL.md "Table Features", "Writer Version Requirements").
/// Writers must honour every writer feature and every reader feature; for legacy protocols (writer 2..6) a
/// feature counts when the version implies it AND the table actually uses it (a property or column metadata).
/// </summary>
public static class DeltaWriteSupport
{
    public const int MaxReaderVersion = 3;
    public const int MaxWriterVersion = 7;

    /// <summary>Writer features ClickBatch honours: it only appends and removes files, and checkpoints keep domains.</summary>
    public static readonly IReadOnlySet<string> SupportedWriterFeatures =
        new HashSet<string>(["appendOnly", "invariants", "timestampNtz", "domainMetadata"], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> SupportedReaderFeatures = new HashSet<string>(["timestampNtz"], StringComparer.Ordinal);

    public static void EnsureCanWrite(Uri table, ProtocolAction protocol, MetadataAction metadata)
    {
        var problems = FindUnsupported(protocol, metadata);
        if (problems.Count > 0)
        {
            throw new DeltaFeatureNotSupportedException(table, problems);
        }
    }

    /// <summary>The features (or protocol versions) that stop ClickBatch from writing; empty when it may write.</summary>
    public static List<string> FindUnsupported(ProtocolAction protocol, MetadataAction metadata)
    {
        var problems = new List<string>();
        if (protocol.MinReaderVersion > MaxReaderVersion || protocol.MinWriterVersion > MaxWriterVersion)
        {
            problems.Add("protocol " + protocol.MinReaderVersion + "/" + protocol.MinWriterVersion + " (newer than 3/7)");
        }

        if (protocol.MinReaderVersion == 3)
        {
            problems.AddRange((protocol.ReaderFeatures ?? []).Where(f => !SupportedReaderFeatures.Contains(f)).Select(f => f + " (reader feature)"));
        }

        if (protocol.MinWriterVersion == 7)
        {
            // A feature both lists name (deletionVectors) is reported once, as the reader feature.
            problems.AddRange((protocol.WriterFeatures ?? []).Where(f => !SupportedWriterFeatures.Contains(f) && !(protocol.ReaderFeatures ?? []).Contains(f)));
            if ((protocol.WriterFeatures ?? []).Contains("invariants"))
            {
                problems.AddRange(UsedLegacyFeatures(metadata, 2));
            }

            // Not features but writer-version-3 requirements, which version 7 inherits ("each row inherits the
            // requirements from the preceding row"): checkpoints ClickBatch writes carry JSON stats only.
            var usage = new FeatureUsage(metadata.Configuration, []);
            problems.AddRange(CheckpointStatsRules.Where(rule => rule.IsUsed(usage)).Select(rule => rule.Describe(usage)));
        }
        else
        {
            problems.AddRange(UsedLegacyFeatures(metadata, Math.Max(protocol.MinWriterVersion, protocol.MinReaderVersion >= 2 ? 5 : 0)));
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Features implied by a legacy writer version that this table's metadata actually uses.</summary>
    private static IEnumerable<string> UsedLegacyFeatures(MetadataAction metadata, int writerVersion)
    {
        var usage = new FeatureUsage(metadata.Configuration, AllFields(DeltaSchema.Parse(metadata.SchemaString)).ToList());
        return LegacyRules.Where(rule => writerVersion >= rule.SinceWriterVersion && rule.IsUsed(usage)).Select(rule => rule.Describe(usage));
    }

    /// <summary>
    /// PROTOCOL.md "Checkpoints": writeStatsAsStruct=true makes stats_parsed and partitionValues_parsed required, and
    /// writeStatsAsJson=false says stats "should be omitted"; ClickBatch's checkpoints have JSON stats only.
    /// </summary>
    private static readonly LegacyRule[] CheckpointStatsRules =
    [
        new(3, u => u.IsTrue("delta.checkpoint.writeStatsAsStruct"), _ => "delta.checkpoint.writeStatsAsStruct=true"),
        new(3, u => u.IsFalse("delta.checkpoint.writeStatsAsJson"), _ => "delta.checkpoint.writeStatsAsJson=false"),
    ];

    /// <summary>PROTOCOL.md "Writer Version Requirements": what each legacy writer version makes writers respect.</summary>
    private static readonly LegacyRule[] LegacyRules =
    [
        new(2, u => u.HasColumnKey("delta.invariants"), _ => "invariants (column invariants)"),
        new(3, u => u.HasConfigPrefix("delta.constraints."), _ => "checkConstraints (CHECK constraints)"),
        CheckpointStatsRules[0],
        CheckpointStatsRules[1],
        new(4, u => u.IsTrue("delta.enableChangeDataFeed"), _ => "changeDataFeed"),
        new(4, u => u.HasColumnKey("delta.generationExpression"), _ => "generatedColumns"),
        new(5, u => u.ColumnMappingMode is not (null or "none"), u => "columnMapping (mode " + u.ColumnMappingMode + ")"),
        new(6, u => u.HasColumnKey("delta.identity."), _ => "identityColumns"),
    ];

    private sealed record LegacyRule(int SinceWriterVersion, Func<FeatureUsage, bool> IsUsed, Func<FeatureUsage, string> Describe);

    private sealed record FeatureUsage(IReadOnlyDictionary<string, string?> Configuration, IReadOnlyList<StructField> Fields)
    {
        public string? ColumnMappingMode => Configuration.GetValueOrDefault("delta.columnMapping.mode");

        public bool HasColumnKey(string prefix) =>
            Fields.Any(f => f.Metadata.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)));

        public bool HasConfigPrefix(string prefix) => Configuration.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));

        public bool IsTrue(string key) => string.Equals(Configuration.GetValueOrDefault(key), "true", StringComparison.OrdinalIgnoreCase);

        public bool IsFalse(string key) => string.Equals(Configuration.GetValueOrDefault(key), "false", StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<StructField> AllFields(DeltaType type) => type switch
    {
        StructType s => s.Fields.SelectMany(f => AllFields(f.Type).Prepend(f)),
        ArrayType a => AllFields(a.ElementType),
        MapType m => AllFields(m.KeyType).Concat(AllFields(m.ValueType)),
        _ => [],
    };
}
