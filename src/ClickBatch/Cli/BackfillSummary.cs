using System.Globalization;
using System.Text;
using ClickBatch.Jobs.Backfill;
using ClickBatch.Landing;
using ClickBatch.Ledger;

namespace ClickBatch.Cli;

/// <summary>The readable stdout summary of a backfill and its ledger entry.</summary>
internal static class BackfillSummary
{
    public static string Format(BackfillResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"backfill of {result.Topic}{(result.DryRun ? " (dry run: nothing read or written)" : string.Empty)}"));
        foreach (var p in result.Partitions)
        {
            text.AppendLine(result.DryRun
                ? Invariant($"  partition {p.Partition}: would read offsets [{p.From}, {p.To}) = {p.To - p.From} offsets (stored offset {p.Stored}, earliest {p.Earliest})")
                : Invariant($"  partition {p.Partition}: read offsets [{p.From}, {p.To}): {p.Records} records, {p.Rows} rows, {p.Rejects} rejects"));
        }

        Table(text, result.Data, result.DryRun);
        Table(text, result.Rejects, result.DryRun);
        return text.ToString().TrimEnd();
    }

    public static TopicReport ToReport(BackfillResult result, TopicSettings topic) => new()
    {
        Topic = result.Topic,
        Table = topic.TableUri,
        RejectsTable = topic.RejectsTableUri,
        Partitions = result.Partitions.Select(p => new PartitionReport
        {
            Partition = p.Partition,
            EarliestOffset = p.Earliest,
            StartOffset = p.From,
            EndOffset = p.To,
            CommittedOffset = p.Stored,
            Records = p.Records,
            Rows = p.Rows,
            Rejects = p.Rejects,
        }).ToList(),
        DeltaVersions = result.Data.DeltaVersion is { } d ? [d] : [],
        RejectsDeltaVersions = result.Rejects.DeltaVersion is { } r ? [r] : [],
        Files = result.Data.FilesAdded + result.Rejects.FilesAdded,
        Bytes = result.Data.BytesAdded + result.Rejects.BytesAdded,
        FilesRemoved = result.Data.FilesRemoved + result.Rejects.FilesRemoved,
        FilesRewritten = result.Data.FilesRewritten + result.Rejects.FilesRewritten,
    };

    private static void Table(StringBuilder text, TableBackfill t, bool dryRun)
    {
        if (dryRun)
        {
            text.AppendLine(Invariant($"{t.Table}: would remove {Files(t.FilesRemoved)} ({t.RowsRemoved} rows), inspect and rewrite {Files(t.FilesRewritten)} ({t.RowsInRewritten} rows, only those of the range dropped)"));
            return;
        }

        var version = t.DeltaVersion is { } v ? Invariant($"committed Delta version {v}") : "nothing to commit";
        text.AppendLine(Invariant($"{t.Table}: {version}; removed {t.RowsRemoved} rows ({Files(t.FilesRemoved)} removed, {t.FilesRewritten} rewritten keeping {t.RowsInRewritten} rows), added {t.RowsAdded} rows in {Files(t.FilesAdded)}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Files(long count) => count == 1 ? "1 file" : Invariant($"{count} files");
}
