using System.Globalization;
using System.Text;
using ClickBatch.Jobs.Maintenance;

namespace ClickBatch.Cli;

/// <summary>The readable stdout summaries of optimize and vacuum: one line per table, one per partition or file.</summary>
internal static class MaintenanceSummary
{
    public static string Optimize(IReadOnlyList<OptimizeResult> results, bool dryRun)
    {
        var text = new StringBuilder();
        foreach (var r in results)
        {
            text.AppendLine(r.DeltaVersion is { } v
                ? Invariant($"{r.Table}: committed Delta version {v}, {r.Partitions.Count} partition(s) compacted")
                : r.Table + ": " + (r.Note ?? "nothing committed"));
            foreach (var p in r.Partitions)
            {
                text.AppendLine(dryRun
                    ? Invariant($"  {Name(p.Partition)}: would compact {p.FilesRemoved} files ({Mib(p.BytesRemoved)})")
                    : Invariant($"  {Name(p.Partition)}: {p.FilesRemoved} files ({Mib(p.BytesRemoved)}) -> {p.FilesAdded} files ({Mib(p.BytesAdded)}), {p.Rows} rows"));
            }
        }

        return text.ToString().TrimEnd();
    }

    public static string Vacuum(IReadOnlyList<VacuumResult> results, bool dryRun)
    {
        var text = new StringBuilder();
        var verb = dryRun ? "would delete" : "deleted";
        foreach (var r in results)
        {
            if (r.Note is not null)
            {
                text.AppendLine(r.Table + ": " + r.Note);
                continue;
            }

            r.Deleted.ToList().ForEach(key => text.AppendLine("  " + verb + " " + r.Table + "/" + key));
            text.AppendLine(Invariant($"{r.Table}: {verb} {r.Deleted.Count} data files ({Mib(r.Bytes)})")
                + (dryRun ? string.Empty : Invariant($", {r.LogFilesDeleted} expired log files")));
        }

        return text.ToString().TrimEnd();
    }

    private static string Name(string partition) => partition.Length == 0 ? "(unpartitioned)" : partition;

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " MiB";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
