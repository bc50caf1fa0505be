using ClickBatch.Ledger;

namespace ClickBatch.Jobs.Status;

/// <summary>The newest ledger entry of the job's runs. Status Running with no end: still running, or killed.</summary>
public sealed record LastRun
{
    public required string RunId { get; init; }

    /// <summary>The task that ran it (Run.TaskId); null in entries written before issue 16.</summary>
    public string? TaskId { get; init; }

    /// <summary>all, group or shard K/N; null in entries written before issue 16.</summary>
    public string? Assignment { get; init; }

    public required RunStatus Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public int? ExitCode { get; init; }

    public long Records { get; init; }

    public long Rows { get; init; }

    public long Rejects { get; init; }

    public string? Error { get; init; }

    public static LastRun From(RunReport report) => new()
    {
        RunId = report.RunId,
        TaskId = report.TaskId,
        Assignment = report.Assignment,
        Status = report.Status,
        StartedAt = report.StartedAt,
        EndedAt = report.EndedAt,
        ExitCode = report.ExitCode,
        Records = report.Records,
        Rows = report.Rows,
        Rejects = report.Rejects,
        Error = report.Error,
    };
}
