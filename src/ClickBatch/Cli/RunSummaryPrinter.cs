using System.Globalization;
using System.Text.Json;
using ClickBatch.Ledger;

namespace ClickBatch.Cli;

/// <summary>Prints a run report: the ledger's JSON, or a summary a person reads at a glance.</summary>
public static class RunSummaryPrinter
{
    public static async Task PrintAsync(RunReport report, bool json, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(report, RunLedger.JsonOptions));
            return;
        }

        await output.WriteLineAsync(Summary(report));
    }

    public static string Summary(RunReport report)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"run {report.RunId}: {report.Status} in {report.DurationSeconds:0.0} s — {report.Records} records, {report.Rows} rows, {report.Rejects} rejects");
        if (report.Error is not null)
        {
            text.AppendLine("  " + report.Error);
        }

        foreach (var topic in report.Topics)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {topic.Topic} -> {topic.Table} (versions {Versions(topic.DeltaVersions)}), rejects -> {topic.RejectsTable} (versions {Versions(topic.RejectsDeltaVersions)}); {topic.Files} files, {topic.Bytes / 1024.0 / 1024.0:0.0} MiB");
            text.AppendLine("    partition  start..end         records     rows  rejects  note");
            foreach (var p in topic.Partitions)
            {
                var note = p.DataLossGap is { } gap ? $"DATA LOSS: offsets {gap.From}..{gap.To - 1} were deleted unread" : p.StartOffset == p.EndOffset ? "nothing new" : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"    {p.Partition,9}  {p.StartOffset + ".." + p.EndOffset,-17} {p.Records,8} {p.Rows,8} {p.Rejects,8}  {note}");
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string Versions(IReadOnlyList<long> versions) =>
        versions.Count == 0 ? "none" : versions.Count == 1 ? versions[0].ToString(CultureInfo.InvariantCulture) : $"{versions[0]}..{versions[^1]}";
}
