using ClickBatch.Configuration;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;

namespace ClickBatch.Jobs.Run;

/// <summary>What a run knows as it goes: its id, bounds, plan and topics; turns into the ledger's report.</summary>
internal sealed class RunState(string runId, DateTimeOffset startedAt) : IAsyncDisposable
{
    public string RunId { get; } = runId;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public Dictionary<string, TopicIngestion> Topics { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<PartitionBounds> Bounds { get; set; } = [];

    public OffsetPlan? Plan { get; set; }

    /// <summary>Partitions the group moved to another task during this run (and did not give back).</summary>
    public HashSet<KafkaPartition> HandedOver { get; } = [];

    /// <summary>
    /// Adds what a group assignment planned (docs/scale-out.md): the partitions' bounds and ranges replace what an earlier
    /// assignment of the same partitions planned; the report shows every partition the run held.
    /// </summary>
    public void Merge(IReadOnlyList<PartitionBounds> bounds, OffsetPlan plan)
    {
        var keys = bounds.Select(b => b.Key).ToHashSet();
        HandedOver.ExceptWith(keys);
        Bounds = [.. Bounds.Where(b => !keys.Contains(b.Key)), .. bounds];
        var previous = Plan ?? new OffsetPlan([], []);
        Plan = new OffsetPlan([.. previous.Ranges.Where(r => !keys.Contains(r.Key)), .. plan.Ranges],
            [.. previous.Gaps.Where(g => !keys.Contains(new KafkaPartition(g.Topic, g.Partition))), .. plan.Gaps])
        {
            BlockedGaps = [.. previous.BlockedGaps.Where(g => !keys.Contains(new KafkaPartition(g.Topic, g.Partition))), .. plan.BlockedGaps],
        };
    }

    /// <summary>The Redshift Spectrum check's outcome, once it ran.</summary>
    public SpectrumCheckReport? SpectrumCheck { get; set; }

    public RunReport Report(RunSettings settings, RunStatus status, int? exitCode, string? error, TimeProvider clock) => new()
    {
        RunId = RunId,
        JobId = settings.JobId,
        Operation = "run",
        TaskId = settings.TaskId,
        Assignment = settings.Assignment.ToString(),
        StartedAt = StartedAt,
        EndedAt = status == RunStatus.Running ? null : clock.GetUtcNow(),
        Status = status,
        ExitCode = exitCode,
        Error = error,
        Topics = settings.Topics.Select(t => TopicReportOf(t)).ToList(),
        SpectrumCheck = SpectrumCheck,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var topic in Topics.Values)
        {
            await topic.DisposeAsync();
        }
    }

    private TopicReport TopicReportOf(TopicSettings topic)
    {
        Topics.TryGetValue(topic.Topic, out var ingestion);
        return new TopicReport
        {
            Topic = topic.Topic,
            Table = topic.TableUri,
            RejectsTable = topic.RejectsTableUri,
            // Before the plan nothing is known about where a partition starts or stands: no partitions, not zeros.
            Partitions = Plan is null ? [] : PartitionReportsOf(topic.Topic, Plan, ingestion),
            DeltaVersions = ingestion?.Data.Versions ?? [],
            RejectsDeltaVersions = ingestion?.Rejects.Versions ?? [],
            Files = ingestion?.FilesWritten ?? 0,
            Bytes = ingestion?.BytesWritten ?? 0,
        };
    }

    /// <summary>
    /// One report per partition of the topic. The plan's ranges and gaps and the committed offsets are looked up by
    /// partition, built once per report: per partition they made a report on 1,500 partitions quadratic (issue 15).
    /// </summary>
    private List<PartitionReport> PartitionReportsOf(string topic, OffsetPlan plan, TopicIngestion? ingestion)
    {
        var ranges = plan.Ranges.Where(r => r.Topic == topic).GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => g.First());
        var gaps = plan.Gaps.Concat(plan.BlockedGaps).Where(g => g.Topic == topic)
            .GroupBy(g => g.Partition).ToDictionary(g => g.Key, g => g.First());
        var committed = ingestion?.CommittedOffsets ?? new Dictionary<int, long>();
        return Bounds.Where(b => b.Topic == topic)
            .Select(b => PartitionReportOf(b, ranges.GetValueOrDefault(b.Partition), gaps.GetValueOrDefault(b.Partition), committed, ingestion)
                with { HandedOver = HandedOver.Contains(b.Key) })
            .ToList();
    }

    private static PartitionReport PartitionReportOf(
        PartitionBounds bounds, PartitionRange? range, DataLossGap? gap, IReadOnlyDictionary<int, long> committed, TopicIngestion? ingestion)
    {
        var tally = ingestion?.Committed.GetValueOrDefault(bounds.Partition);
        return new PartitionReport
        {
            Partition = bounds.Partition,
            EarliestOffset = bounds.Earliest,
            StartOffset = range?.From ?? bounds.Earliest,
            EndOffset = range?.To ?? bounds.End,
            CommittedOffset = committed.GetValueOrDefault(bounds.Partition),
            Records = tally?.Records ?? 0,
            Rows = tally?.Rows ?? 0,
            Rejects = tally?.Rejects ?? 0,
            AlreadyLanded = tally?.AlreadyLanded ?? 0,
            DataLossGap = gap is null ? null : new OffsetGap(gap.MissingFrom, gap.MissingTo),
        };
    }
}
