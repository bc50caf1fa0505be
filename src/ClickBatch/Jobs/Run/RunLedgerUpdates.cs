using ClickBatch.Configuration;
using ClickBatch.Errors;
using ClickBatch.Ledger;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Run;

/// <summary>
/// A run's ledger entry over its life (docs/exactly-once.md "One run"): written as Running once the guards passed and
/// the plan stands (a run refused before that, exit 2, writes none: it read and wrote nothing), updated after commits
/// so a killed run's entry shows the versions and counts it committed, and replaced by the final report at the end.
/// Updates are one small PUT, at most one per <see cref="RunSettings.LedgerUpdateInterval"/> except after the first and
/// the last commit; a failed update is a warning, never the run's failure (the Delta log holds the progress).
/// </summary>
internal sealed class RunLedgerUpdates(RunLedger ledger, RunState run, RunSettings settings, TimeProvider clock, ILogger logger)
{
    /// <summary>Longest an update may take before it is given up (a slow store must not hold the drain).</summary>
    private static readonly TimeSpan UpdateTimeout = TimeSpan.FromSeconds(20);

    private DateTimeOffset? _lastUpdate;
    private int _committedVersions;

    /// <summary>True once the Running entry was written.</summary>
    public bool Started { get; private set; }

    /// <summary>The Running entry; a failure here fails the run before it commits anything.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ledger.WriteAsync(run.Report(settings, RunStatus.Running, null, null, clock), cancellationToken);
        Started = true;
    }

    /// <summary>After a commit (or a chunk's two): updates the entry when versions were added and it is due, or when <paramref name="last"/>.</summary>
    public async Task CommittedAsync(bool last)
    {
        var versions = run.Topics.Values.Sum(t => t.Data.Versions.Count + t.Rejects.Versions.Count);
        var now = clock.GetUtcNow();
        var due = _lastUpdate is not { } previous || last || now - previous >= settings.LedgerUpdateInterval;
        if (!Started || versions == _committedVersions || !due)
        {
            return;
        }

        _committedVersions = versions;
        _lastUpdate = now;
        try
        {
            using var timeout = new CancellationTokenSource(UpdateTimeout);
            await ledger.WriteAsync(run.Report(settings, RunStatus.Running, null, null, clock), timeout.Token);
        }
        catch (Exception ex) when (ex is ClickBatchException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            RunLog.LedgerUpdateFailed(logger, ex, run.RunId, RunLedger.KeyOf(run.RunId));
        }
    }

    /// <summary>The final entry, unless the run was refused (exit 2) before it wrote its Running entry.</summary>
    public async Task EndAsync(RunReport report)
    {
        if (!Started && report.ExitCode == ExitCodes.Usage)
        {
            return;
        }

        await ledger.WriteAsync(report, CancellationToken.None);
    }
}
