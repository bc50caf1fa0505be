namespace ClickBatch.Ledger;

/// <summary>
/// A ledger entry: what one operation read, wrote and how it ended. Stored as
/// <c>&lt;lake&gt;/_clickbatch/runs/&lt;run-id&gt;.json</c>, written when the run starts and again when it ends.
/// </summary>
public sealed record RunReport
{
    public required string RunId { get; init; }

    public required string JobId { get; init; }

    /// <summary><c>run</c>, <c>backfill</c>, <c>optimize</c>, <c>vacuum</c>, <c>register</c>.</summary>
    public required string Operation { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public RunStatus Status { get; init; } = RunStatus.Running;

    public int? ExitCode { get; init; }

    /// <summary>The error that ended the run, as shown to the user; never a secret or a payload.</summary>
    public string? Error { get; init; }

    /// <summary>The task that ran it (docs/scale-out.md): CLICKBATCH_TASK_ID, else host and process id. Null in older entries.</summary>
    public string? TaskId { get; init; }

    /// <summary>How the run got its partitions: all, group or shard K/N; its topics' partitions are the ones it held. Null in older entries.</summary>
    public string? Assignment { get; init; }

    public IReadOnlyList<TopicReport> Topics { get; init; } = [];

    /// <summary>The Redshift Spectrum check after the commits; null when it is not configured or did not run.</summary>
    public SpectrumCheckReport? SpectrumCheck { get; init; }

    public double? DurationSeconds => EndedAt is { } end ? Math.Round((end - StartedAt).TotalSeconds, 3) : null;

    public long Records => Topics.Sum(t => t.Records);

    public long Rows => Topics.Sum(t => t.Rows);

    public long Rejects => Topics.Sum(t => t.Rejects);
}
