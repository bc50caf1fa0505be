using ClickBatch.Delta.Log;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Delta.Writing;

/// <summary>
/// Writes <c>_delta_log/&lt;version&gt;.json</c> with put-if-absent and recognises this transaction's own commit
/// (commitInfo.txnId) when the store answered a write that succeeded as failed: S3 answering 500 after storing, the
/// retry then finding the key (412), or the retries running out (issue 13, item 2). Without this a run saw its own
/// commit as another writer's and stopped with exit 5 although the version was its own.
/// </summary>
internal sealed class CommitWriter(DeltaLog log, ILogger logger)
{
    /// <summary>The commitInfo field holding the commit id; Spark writes the same field.</summary>
    public const string TxnIdField = "txnId";

    /// <summary>True when <paramref name="version"/> now holds this commit; false when another writer's commit holds it.</summary>
    public async Task<bool> TryWriteAsync(long version, byte[] content, string txnId, CancellationToken cancellationToken)
    {
        bool created;
        try
        {
            created = await log.Store.PutIfAbsentAsync(LogFile.CommitKey(version), content, cancellationToken);
        }
        catch (ClickBatchException e)
        {
            // The write may have been stored before the failure; what the version holds now decides.
            switch (await OwnerAsync(version, txnId, cancellationToken))
            {
                case Owner.Ours:
                    DeltaLogMessages.OwnCommitRecognised(logger, e, log.Table.ToString(), version, txnId);
                    return true;
                case Owner.Theirs:
                    return false;
                default:
                    throw;
            }
        }

        if (created)
        {
            return true;
        }

        if (await OwnerAsync(version, txnId, cancellationToken) != Owner.Ours)
        {
            return false;
        }

        DeltaLogMessages.OwnCommitRecognised(logger, null, log.Table.ToString(), version, txnId);
        return true;
    }

    private async Task<Owner> OwnerAsync(long version, string txnId, CancellationToken cancellationToken)
    {
        try
        {
            var actions = await log.ReadCommitAsync(version, cancellationToken);
            return actions.Any(a => string.Equals(a.CommitInfo?.GetExtraString(TxnIdField), txnId, StringComparison.Ordinal)) ? Owner.Ours : Owner.Theirs;
        }
        catch (ObjectNotFoundException)
        {
            return Owner.Nobody;
        }
        catch (ClickBatchException)
        {
            return Owner.Unknown; // the store still fails: keep the original error
        }
    }

    private enum Owner
    {
        Nobody,
        Unknown,
        Ours,
        Theirs,
    }
}
