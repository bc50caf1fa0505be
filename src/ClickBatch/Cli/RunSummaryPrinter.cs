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
            if (topic.Partitions.Count == 0)
            {
                continue;
            }

            text.AppendLine("    partition  start..end         records     rows  rejects  note");
            foreach (var p in topic.Partitions)
            {
                var note = p.DataLossGap is { } gap ? $"DATA LOSS: offsets {gap.From}-{gap.To - 1} ({gap.To - gap.From} offsets) were deleted unread" : p.StartOffset == p.EndOffset ? "nothing new" : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"    {p.Partition,9}  {p.StartOffset + ".." + p.EndOffset,-17} {p.Records,8} {p.Rows,8} {p.Rejects,8}  {note}");
            }
        }

        AppendSpectrumCheck(text, report.SpectrumCheck, report.Error);
        return text.ToString().TrimEnd();
    }

    /// <summary>One line for the check, one per mismatch; its error only when the run's error line does not already show it.</summary>
    private static void AppendSpectrumCheck(System.Text.StringBuilder text, SpectrumCheckReport? check, string? runError)
    {
        if (check is null)
        {
            return;
        }

        var head = "  redshift spectrum check (schema " + check.ExternalSchema + "): ";
        text.AppendLine(check switch
        {
            { Error: { } error } => string.Create(CultureInfo.InvariantCulture, $"{head}COULD NOT FINISH after {check.CheckedPartitions} of {check.Partitions} partition(s)")
                + (runError?.Contains(error, StringComparison.Ordinal) == true ? " (error above)" : ": " + error),
            { Partitions: 0 } => head + "no partition touched, nothing to count",
            { Mismatches.Count: 0 } => string.Create(CultureInfo.InvariantCulture, $"{head}{check.CheckedPartitions} partition(s) counted, all match the Delta tables"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{head}{check.Mismatches.Count} of {check.CheckedPartitions} partition(s) DIFFER"),
        });
        foreach (var m in check.Mismatches)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {m.Table} {Jobs.Run.SpectrumRunCheck.Describe(m.Partition)}: Delta {m.Expected} rows, Spectrum {m.Actual}");
        }
    }

    private static string Versions(IReadOnlyList<long> versions) =>
        versions.Count == 0 ? "none" : versions.Count == 1 ? versions[0].ToString(CultureInfo.InvariantCulture) : $"{versions[0]}..{versions[^1]}";
}
