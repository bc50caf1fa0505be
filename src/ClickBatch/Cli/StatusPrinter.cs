using System.Globalization;
using System.Text;
using System.Text.Json;
using ClickBatch.Jobs.Status;

namespace ClickBatch.Cli;

/// <summary>Prints a <see cref="StatusReport"/>: one JSON object, or a table a person reads at a glance.</summary>
public static class StatusPrinter
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Json(StatusReport report) => JsonSerializer.Serialize(report, JsonOptions);

    public static string Table(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"job {report.JobId}, group {report.GroupId}, lake {report.Lake}: lag {report.Lag} records");
        text.AppendLine(LastRunLine(report.LastRun));
        if (report.TaskRuns.Count > 1)
        {
            // N tasks share the job (docs/scale-out.md): each one's newest run of the night.
            foreach (var run in report.TaskRuns)
            {
                text.AppendLine("  task " + run.TaskId + ": " + LastRunLine(run));
            }
        }

        if (report.UnreadableLedgerEntries.Count > 0)
        {
            var count = report.UnreadableLedgerEntries.Count;
            text.AppendLine("note: " + count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " ledger entry is" : " ledger entries are")
                + " not readable and skipped (edited by hand, or not ClickBatch's): " + string.Join(", ", report.UnreadableLedgerEntries));
        }

        foreach (var topic in report.Topics)
        {
            AppendTopic(text, topic);
        }

        return text.ToString().TrimEnd();
    }

    private static string LastRunLine(LastRun? run) => run is null
        ? "last run: none in this lake's ledger"
        : string.Create(CultureInfo.InvariantCulture, $"last run {run.RunId}: {run.Status}, ") + (run.EndedAt is { } ended
            ? string.Create(CultureInfo.InvariantCulture, $"ended {ended:yyyy-MM-dd HH:mm:ss}Z, {run.Records} records ({run.Rows} rows, {run.Rejects} rejects)")
            : string.Create(CultureInfo.InvariantCulture, $"started {run.StartedAt:yyyy-MM-dd HH:mm:ss}Z, no end recorded (still running, or killed)"));

    private static void AppendTopic(StringBuilder text, TopicStatus topic)
    {
        var landed = topic.TableLanded || topic.RejectsTableLanded ? string.Empty : " — not landed yet (no Delta table)";
        text.AppendLine(CultureInfo.InvariantCulture, $"{topic.Topic} -> {topic.Table} (rejects {topic.RejectsTable}): lag {topic.Lag}{landed}");
        text.AppendLine("  partition     stored      table    rejects      group   earliest     latest        lag  last task            note");
        foreach (var p in topic.Partitions)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {p.Partition,9} {Show(p.StoredOffset),10} {Show(p.TableOffset),10} {Show(p.RejectsOffset),10} {Show(p.GroupOffset),10} {p.EarliestOffset,10} {p.LatestOffset,10} {p.Lag,10}  {p.LastTaskId ?? "-",-20} {Note(p)}");
        }
    }

    private static string Show(long? offset) => offset?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Note(PartitionStatus p) => p.DeletedUnread > 0
        ? string.Create(CultureInfo.InvariantCulture, $"DATA LOSS: {p.DeletedUnread} records deleted unread")
        : p.AheadOfTopic > 0
        ? string.Create(CultureInfo.InvariantCulture, $"AHEAD OF KAFKA by {p.AheadOfTopic}: topic recreated or another cluster? the next run refuses")
        : p.StoredOffset is null ? "not landed yet" : p.TableOffset != p.RejectsOffset ? "tables differ (crash between commits)" : string.Empty;
}
