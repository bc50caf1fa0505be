using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Checkpoints;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Delta.Writing;

/// <summary>
/// Writes a classic single-file V1 checkpoint (<c>n.checkpoint.parquet</c>) of a snapshot plus <c>_last_checkpoint</c>.
/// Rows: protocol, metaData, every txn, live domainMetadata, every active add (dataChange=false) and the remove
/// tombstones younger than delta.deletedFileRetentionDuration (no stats/tags, as PROTOCOL.md "Checkpoints" says).
/// </summary>
public static class CheckpointWriter
{
    public static async Task<LastCheckpoint> WriteAsync(
        IObjectStore store, Snapshot snapshot, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var actions = Actions(snapshot, clock.GetUtcNow());
        using var scratch = ScratchDirectory.Create();
        var temp = scratch.File("checkpoint.parquet");
        await CheckpointParquet.WriteAsync(actions, temp, cancellationToken);
        var size = new FileInfo(temp).Length;
        await store.PutFileAsync(LogFile.ClassicCheckpointKey(snapshot.Version), temp, cancellationToken);
        var last = new LastCheckpoint
        {
            Version = snapshot.Version,
            Size = actions.Count,
            SizeInBytes = size,
            NumOfAddFiles = snapshot.ActiveFiles.Count,
        };
        await store.PutAsync(LastCheckpoint.Key, last.ToUtf8(), cancellationToken);
        DeltaLogMessages.CheckpointWritten(logger, snapshot.Table.ToString(), snapshot.Version, actions.Count, size);
        return last;
    }

    public static List<DeltaAction> Actions(Snapshot snapshot, DateTimeOffset now)
    {
        var expiry = (now - CheckpointPolicy.TombstoneRetention(snapshot.Metadata)).ToUnixTimeMilliseconds();
        var actions = new List<DeltaAction> { DeltaAction.Of(snapshot.Protocol), DeltaAction.Of(snapshot.Metadata) };
        // "Transaction identifiers" whole: lastUpdated lets engines expire appIds (delta.setTransactionRetentionDuration).
        actions.AddRange(snapshot.Transactions.Values.Select(DeltaAction.Of));
        actions.AddRange(snapshot.DomainMetadata.Values.Select(DeltaAction.Of));
        actions.AddRange(snapshot.ActiveFiles.Select(a => DeltaAction.Of(a with { DataChange = false })));
        actions.AddRange(snapshot.Tombstones.Where(r => (r.DeletionTimestamp ?? 0) > expiry)
            .Select(r => DeltaAction.Of(r with { DataChange = false, Stats = null, Tags = null })));
        return actions;
    }
}
