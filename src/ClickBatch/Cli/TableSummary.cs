using System.Globalization;
using System.Text;
using ClickBatch.Delta.Inspection;

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

        if (d.Check is { } check)
        {
            FormatCheck(text, check);
        }

        return text.ToString().TrimEnd();
    }

    private static void FormatCheck(StringBuilder text, DataFileCheck check)
    {
        Line(text, "Data files", string.Create(CultureInfo.InvariantCulture, $"{check.FilesChecked:N0} checked in {check.FoldersListed:N0} folders: ")
            + (check.Passed ? "all present at their logged size"
                : string.Create(CultureInfo.InvariantCulture, $"{check.Missing.Count:N0} missing ({Rows(check.MissingRows)}), {check.WrongSize.Count:N0} with another size")));
        foreach (var file in check.Missing)
        {
            text.Append("  missing: ").Append(file.Path).Append(string.Create(CultureInfo.InvariantCulture, $" ({file.Size:N0} bytes, {Rows(file.Rows)})")).AppendLine();
        }

        foreach (var file in check.WrongSize)
        {
            text.Append("  wrong size: ").Append(file.Path)
                .Append(string.Create(CultureInfo.InvariantCulture, $" (log {file.Size:N0} bytes, store {file.ActualSize:N0} bytes)")).AppendLine();
        }

        if (!check.Passed)
        {
            text.AppendLine("Readers fail on these files or miss their rows. Restore them from a backup or an earlier object version (the lake "
                + "bucket is versioned), or, if they are gone for good, re-land their offset ranges with 'clickbatch backfill'.");
        }
    }

    private static string Rows(long? rows) => rows is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) + " rows" : "rows unknown";

    private static string Features(IReadOnlyList<string>? features) =>
        features is null ? string.Empty : " [" + string.Join(", ", features) + "]";

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append((label + ":").PadRight(16)).AppendLine(value);
}
