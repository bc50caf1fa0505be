using ClickBatch.Configuration;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Parquet;

namespace ClickBatch.Jobs.Run;

/// <summary>What a run knows as it goes: its id, bounds, plan and topics; turns into the ledger's report.</summary>
internal sealed class RunState(string runId, DateTimeOffset startedAt) : IAsyncDisposable
{
    public string RunId { get; } = runId;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public Dictionary<string, TopicIngestion> Topics { get; } = new(StringComparer.Ordinal);

    /// <summary>The row-buffer memory all topics of the run share (set when the run opens its topics).</summary>
    public RowBufferBudget? RowBuffers { get; set; }

    public IReadOnlyList<PartitionBounds> Bounds { get; set; } = [];

    public OffsetPlan? Plan { get; set; }

    /// <summary>The Redshift Spectrum check's outcome, once it ran.</summary>
    public SpectrumCheckReport? SpectrumCheck { get; set; }

    public RunReport Report(RunSettings settings, RunStatus status, int? exitCode, string? error, TimeProvider clock) => new()
    {
        RunId = RunId,
        JobId = settings.JobId,
        Operation = "run",
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
            Partitions = Plan is null ? [] : Bounds.Where(b => b.Topic == topic.Topic).Select(b => PartitionReportOf(b, Plan, ingestion)).ToList(),
            DeltaVersions = ingestion?.Data.Versions ?? [],
            RejectsDeltaVersions = ingestion?.Rejects.Versions ?? [],
            Files = ingestion?.FilesWritten ?? 0,
            Bytes = ingestion?.BytesWritten ?? 0,
        };
    }

    private static PartitionReport PartitionReportOf(PartitionBounds bounds, OffsetPlan plan, TopicIngestion? ingestion)
    {
        var range = plan.Ranges.FirstOrDefault(r => r.Key == bounds.Key);
        var gap = plan.Gaps.Concat(plan.BlockedGaps).FirstOrDefault(g => g.Topic == bounds.Topic && g.Partition == bounds.Partition);
        var tally = ingestion?.Committed.GetValueOrDefault(bounds.Partition);
        return new PartitionReport
        {
            Partition = bounds.Partition,
            EarliestOffset = bounds.Earliest,
            StartOffset = range?.From ?? bounds.Earliest,
            EndOffset = range?.To ?? bounds.End,
            CommittedOffset = ingestion?.CommittedOffsets.GetValueOrDefault(bounds.Partition) ?? 0,
            Records = tally?.Records ?? 0,
            Rows = tally?.Rows ?? 0,
            Rejects = tally?.Rejects ?? 0,
            AlreadyLanded = tally?.AlreadyLanded ?? 0,
            DataLossGap = gap is null ? null : new OffsetGap(gap.MissingFrom, gap.MissingTo),
        };
    }
}
