using ClickBatch.Delta.Writing;
using ClickBatch.Errors;
using ClickBatch.Ledger;
using ClickBatch.Storage;

namespace ClickBatch.Jobs.Maintenance;

/// <summary>
/// The ledger entry of an operation other than <c>run</c> (<c>backfill</c>, <c>optimize</c>, <c>vacuum</c>, <c>register</c>) in <c>_clickbatch/runs/</c>, written
/// at start (Running) and replaced at the end, as <c>run</c> does. Each table is one entry of
/// <see cref="RunReport.Topics"/>: Topic and Table name the table, DeltaVersions the versions committed, Files and
/// Bytes what was written (optimize) or deleted (vacuum).
/// </summary>
public sealed class MaintenanceLedger(IObjectStore lake, TimeProvider clock)
{
    /// <summary>The id of the entry; also the run id a backfill stamps on its rows and commits.</summary>
    public string RunId { get; } = Ledger.RunId.New(clock);

    public async Task<T> RecordAsync<T>(
        string operation, Func<T, IReadOnlyList<TopicReport>> describe, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var ledger = new RunLedger(lake);
        var started = new RunReport { RunId = RunId, JobId = operation, Operation = operation, StartedAt = clock.GetUtcNow() };
        await ledger.WriteAsync(started, cancellationToken);
        try
        {
            var result = await work(cancellationToken);
            await ledger.WriteAsync(Ended(started, RunStatus.Succeeded, ExitCodes.Success) with { Topics = describe(result) }, cancellationToken);
            return result;
        }
        catch (Exception ex)
        {
            var (status, code) = Classify(ex);
            // Recorded even when cancelled: the entry must not stay "Running" for an operation that ended.
            await ledger.WriteAsync(Ended(started, status, code) with { Error = ex.Message }, CancellationToken.None);
            throw;
        }
    }

    private RunReport Ended(RunReport started, RunStatus status, int exitCode) =>
        started with { EndedAt = clock.GetUtcNow(), Status = status, ExitCode = exitCode };

    private static (RunStatus Status, int ExitCode) Classify(Exception ex) => ex switch
    {
        DeltaConflictException => (RunStatus.Conflict, ExitCodes.Conflict),
        OperationCanceledException => (RunStatus.Interrupted, ExitCodes.Interrupted),
        ClickBatchException known => (RunStatus.Failed, known.ExitCode),
        _ => (RunStatus.Failed, ExitCodes.Failure),
    };
}
