using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Schema;

namespace ClickBatch.Delta;

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
            problems.AddRange((protocol.WriterFeatures ?? []).Where(f => !SupportedWriterFeatures.Contains(f)));
            if ((protocol.WriterFeatures ?? []).Contains("invariants"))
            {
                problems.AddRange(UsedLegacyFeatures(metadata, 2));
            }
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
        var config = metadata.Configuration;
        var fields = AllFields(DeltaSchema.Parse(metadata.SchemaString)).ToList();
        bool HasColumnKey(string prefix) => fields.Any(f => f.Metadata.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)));
        bool IsTrue(string key) => config.TryGetValue(key, out var v) && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase);

        if (writerVersion >= 2 && HasColumnKey("delta.invariants"))
        {
            yield return "invariants (column invariants)";
        }

        if (writerVersion >= 3 && config.Keys.Any(k => k.StartsWith("delta.constraints.", StringComparison.Ordinal)))
        {
            yield return "checkConstraints (CHECK constraints)";
        }

        if (writerVersion >= 3 && IsTrue("delta.checkpoint.writeStatsAsStruct"))
        {
            yield return "delta.checkpoint.writeStatsAsStruct=true";
        }

        if (writerVersion >= 4 && IsTrue("delta.enableChangeDataFeed"))
        {
            yield return "changeDataFeed";
        }

        if (writerVersion >= 4 && HasColumnKey("delta.generationExpression"))
        {
            yield return "generatedColumns";
        }

        if (writerVersion >= 5 && config.TryGetValue("delta.columnMapping.mode", out var mode) && mode is not null && mode != "none")
        {
            yield return "columnMapping (mode " + mode + ")";
        }

        if (writerVersion >= 6 && HasColumnKey("delta.identity."))
        {
            yield return "identityColumns";
        }
    }

    private static IEnumerable<StructField> AllFields(DeltaType type) => type switch
    {
        StructType s => s.Fields.SelectMany(f => AllFields(f.Type).Prepend(f)),
        ArrayType a => AllFields(a.ElementType),
        MapType m => AllFields(m.KeyType).Concat(AllFields(m.ValueType)),
        _ => [],
    };
}
