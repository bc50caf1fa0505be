using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Snapshots;
using Polly;
using Polly.Retry;

namespace ClickBatch.Delta.Writing;

/// <summary>
/// One atomic commit: any mix of add, remove, txn and metaData plus a commitInfo, written as
/// <c>_delta_log/&lt;version&gt;.json</c> with put-if-absent. Losing the race to appends rebases onto the new
/// version (bounded, Polly); a logical conflict fails with <see cref="DeltaConflictException"/>.
/// </summary>
public sealed class DeltaTransaction
{
    private readonly DeltaTable _table;
    private readonly List<DeltaAction> _actions = [];

    internal DeltaTransaction(DeltaTable table, Snapshot readSnapshot, string operation)
    {
        _table = table;
        ReadSnapshot = readSnapshot;
        Operation = operation;
        TxnId = table.NewTxnId();
    }

    public Snapshot ReadSnapshot { get; }

    public string Operation { get; }

    /// <summary>This transaction's commit id (commitInfo.txnId): how it recognises its own commit after a failed answer.</summary>
    public string TxnId { get; }

    /// <summary>commitInfo.operationParameters, e.g. mode=Append.</summary>
    public Dictionary<string, string> OperationParameters { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<DeltaAction> Actions => _actions;

    /// <summary>
    /// A conflict rule of the caller on top of <see cref="ConflictChecker"/>'s: given an action of a commit that won the
    /// race for our version, the reason it conflicts, or null. E.g. a backfill refuses another writer's rows of its range.
    /// </summary>
    public Func<DeltaAction, string?>? ConflictsWith { get; set; }

    public void Add(AddFile add) => _actions.Add(DeltaAction.Of(add));

    public void Remove(RemoveFile remove) => _actions.Add(DeltaAction.Of(remove));

    /// <summary>Records an application's progress (e.g. Kafka offsets) atomically with the data.</summary>
    public void SetTransaction(string appId, long version) => _actions.Add(DeltaAction.Of(new TransactionAction
    {
        AppId = appId,
        Version = version,
        LastUpdated = _table.Options.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
    }));

    public void UpdateMetadata(MetadataAction metadata) => _actions.Add(DeltaAction.Of(metadata));

    public async Task<CommitResult> CommitAsync(CancellationToken cancellationToken)
    {
        CommitValidator.Validate(_table.Log.Table, ReadSnapshot, _actions);
        var content = DeltaActionSerializer.Serialize(_actions.Prepend(DeltaAction.Of(_table.CommitInfo(Operation, OperationParameters, TxnId))));
        var state = new AttemptState(ReadSnapshot.Version + 1);
        var version = await RetryPipeline().ExecuteAsync(
            async ct => await TryCommitAsync(state, content, ct), cancellationToken);
        DeltaLogMessages.Committed(_table.Options.Logger, _table.Log.Table.ToString(), version, Count(a => a.Add), Count(a => a.Remove), state.Attempts);
        var (checkpoint, manifestsStale) = await PostCommitHooks.RunAsync(_table, ReadSnapshot, version, _actions, cancellationToken);
        return new CommitResult(version, state.Attempts, checkpoint, manifestsStale);
    }

    private async ValueTask<long> TryCommitAsync(AttemptState state, byte[] content, CancellationToken cancellationToken)
    {
        state.Attempts++;
        var version = state.NextVersion;
        if (await _table.Commits.TryWriteAsync(version, content, TxnId, cancellationToken))
        {
            return version;
        }

        state.NextVersion = await RebaseAsync(version, cancellationToken) + 1;
        throw new DeltaCommitRaceException(_table.Log.Table, version, state.Attempts);
    }

    /// <summary>Checks every commit from <paramref name="lostVersion"/> on for conflicts; returns the latest version.</summary>
    private async Task<long> RebaseAsync(long lostVersion, CancellationToken cancellationToken)
    {
        var winners = (await LogSegmentBuilder.ListAsync(_table.Log.Store, LogFile.CommitKey(lostVersion - 1), cancellationToken))
            .Where(f => f.Kind == LogFileKind.Commit && f.Version >= lostVersion).Select(f => f.Version).Order().ToList();
        var latest = lostVersion;
        foreach (var version in winners.TakeWhile((v, i) => v == lostVersion + i))
        {
            ConflictChecker.Check(_table.Log.Table, version, await _table.Log.ReadCommitAsync(version, cancellationToken), _actions, ConflictsWith);
            latest = version;
        }

        DeltaLogMessages.RaceLost(_table.Options.Logger, _table.Log.Table.ToString(), lostVersion, latest);
        return latest;
    }

    private ResiliencePipeline RetryPipeline() => _table.Options.MaxCommitAttempts <= 1 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DeltaCommitRaceException>(),
            MaxRetryAttempts = _table.Options.MaxCommitAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(20),
            MaxDelay = TimeSpan.FromSeconds(2),
        })
        .Build();

    private int Count(Func<DeltaAction, object?> kind) => _actions.Count(a => kind(a) is not null);

    private sealed class AttemptState(long nextVersion)
    {
        public long NextVersion { get; set; } = nextVersion;

        public int Attempts { get; set; }
    }
}
