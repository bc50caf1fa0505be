using System.Globalization;
using System.Text;
using ClickBatch.Delta;

namespace ClickBatch.Cli;

/// <summary>The readable (non --json) form of <c>table describe</c>.</summary>
public static class TableSummary
{
    public static string Format(Uri table, TableDescription d)
    {
        var text = new StringBuilder();
        Line(text, "Table", table.ToString());
        Line(text, "Version", d.Version + (d.CheckpointVersion is { } cp ? " (read from checkpoint " + cp + ")" : string.Empty));
        Line(text, "Protocol", "reader " + d.MinReaderVersion + Features(d.ReaderFeatures) + ", writer " + d.MinWriterVersion + Features(d.WriterFeatures));
        Line(text, "Partitioned by", d.PartitionColumns.Count == 0 ? "(none)" : string.Join(", ", d.PartitionColumns));
        Line(text, "Active files", d.ActiveFiles.ToString("N0", CultureInfo.InvariantCulture));
        Line(text, "Size", d.SizeBytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes");
        Line(text, "Rows (stats)", d.Rows?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown (some files have no stats; use --exact-rows)");
        if (d.RowsExact is { } exact)
        {
            Line(text, "Rows (exact)", exact.ToString("N0", CultureInfo.InvariantCulture));
        }

        text.AppendLine("Schema:");
        foreach (var column in d.Schema)
        {
            text.Append("  ").Append(column.Name).Append(": ").Append(column.Type).AppendLine(column.Nullable ? string.Empty : " not null");
        }

        text.Append("Transactions:").AppendLine(d.Transactions.Count == 0 ? " (none)" : string.Empty);
        foreach (var (appId, version) in d.Transactions.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append("  ").Append(appId).Append(" = ").Append(version.ToString(CultureInfo.InvariantCulture)).AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    private static string Features(IReadOnlyList<string>? features) =>
        features is null ? string.Empty : " [" + string.Join(", ", features) + "]";

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append((label + ":").PadRight(16)).AppendLine(value);
}
