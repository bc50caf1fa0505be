using ClickBatch.Ledger;

namespace ClickBatch.Metrics;

/// <summary>
/// The figures a run's metrics carry (docs/metrics.md), taken from its report: the same numbers the ledger keeps, so an
/// alarm and the run report never disagree. One <see cref="Scope"/> for the run, one per topic, one per partition.
/// </summary>
public sealed record RunMetrics(string JobId, string? TaskId, DateTimeOffset EndedAt, double DurationSeconds, int ExitCode, string Status,
    RunMetrics.Scope Run, IReadOnlyList<RunMetrics.TopicScope> Topics)
{
    /// <summary>Counters of one scope. Lag is in records, relative to the end offsets the run captured when it started.</summary>
    public sealed record Scope(long Records, long Rows, long Rejects, long Bytes, long Files, long Commits, long LagAtStart, long LagAtEnd,
        long DataLossGaps, long DataLossRecords);

    public sealed record TopicScope(string Topic, Scope Totals, IReadOnlyList<PartitionScope> Partitions);

    public sealed record PartitionScope(int Partition, Scope Counters);

    /// <summary>The metrics of an ended run (its <see cref="RunReport.EndedAt"/> set).</summary>
    public static RunMetrics From(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var topics = report.Topics.Select(t =>
        {
            var partitions = t.Partitions.Select(p => new PartitionScope(p.Partition, Of(p))).ToList();
            var sum = Sum(partitions.Select(p => p.Counters)) with
            {
                Bytes = t.Bytes,
                Files = t.Files,
                Commits = t.DeltaVersions.Count + t.RejectsDeltaVersions.Count,
            };
            return new TopicScope(t.Topic, sum, partitions);
        }).ToList();
        var ended = report.EndedAt ?? report.StartedAt;
        return new RunMetrics(report.JobId, report.TaskId, ended, report.DurationSeconds ?? 0, report.ExitCode ?? ExitCodesUnknown,
            report.Status.ToString(), Sum(topics.Select(t => t.Totals)), topics);
    }

    /// <summary>The exit code of a report that has none (a run still going); never the case for an ended run.</summary>
    private const int ExitCodesUnknown = -1;

    /// <summary>
    /// Lag at start: the records between the offset the table held and the end the run captured (what it was to land),
    /// a data-loss gap included. Lag at end: what of that range the table still lacks after the run (0 when it drained
    /// it; at least the gap for a partition a gap blocked). Records produced during the run are not counted: they are the next run's lag at start. A partition the group
    /// handed to another task counts what this task landed of it, and no lag at end: its new holder reports the rest, so
    /// sums over a group's tasks neither double-count nor raise a false lag alarm.
    /// </summary>
    private static Scope Of(PartitionReport p)
    {
        var landed = Math.Max(0, p.CommittedOffset - p.StartOffset);
        var gap = p.DataLossGap is { } g ? g.To - g.From : 0;
        return new Scope(p.Records, p.Rows, p.Rejects, Bytes: 0, Files: 0, Commits: 0,
            LagAtStart: (p.HandedOver ? landed : Math.Max(0, p.EndOffset - p.StartOffset)) + gap,
            LagAtEnd: p.HandedOver ? 0 : Blocked(p) ? gap : Math.Max(0, p.EndOffset - Math.Max(p.CommittedOffset, p.StartOffset)),
            DataLossGaps: p.DataLossGap is null ? 0 : 1,
            DataLossRecords: gap);
    }

    /// <summary>
    /// A data-loss gap without --allow-data-loss: the partition was not read, its report's range stays at the stored offset
    /// (the gap's start; an accepted gap moves it to the gap's end), so what the table lacks is at least the gap (the
    /// records after it are not in the report): never a quiet 0.
    /// </summary>
    private static bool Blocked(PartitionReport p) => p.DataLossGap is { } gap && p.StartOffset == gap.From;

    private static Scope Sum(IEnumerable<Scope> scopes)
    {
        var all = scopes.ToList();
        return new Scope(all.Sum(s => s.Records), all.Sum(s => s.Rows), all.Sum(s => s.Rejects), all.Sum(s => s.Bytes), all.Sum(s => s.Files),
            all.Sum(s => s.Commits), all.Sum(s => s.LagAtStart), all.Sum(s => s.LagAtEnd), all.Sum(s => s.DataLossGaps), all.Sum(s => s.DataLossRecords));
    }
}
