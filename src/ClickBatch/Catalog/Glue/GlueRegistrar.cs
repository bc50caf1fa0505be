using ClickBatch.Aws;
using ClickBatch.Delta.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Catalog.Glue;

/// <summary>
/// Makes the Glue table of a Delta table match a snapshot: creates it or updates columns and location (a changed
/// partition key set drops and recreates it), registers new partitions in batches of at most 100, updates partitions
/// whose columns or location changed (schema evolution), and removes partitions no active file is in any more. Idempotent: registering the same snapshot twice changes nothing.
/// Database creation is the caller's (once per run: <see cref="IGlueCatalog.EnsureDatabaseAsync"/>).
/// </summary>
public sealed class GlueRegistrar(IGlueCatalog glue, ILogger? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger.Instance;

    public async Task<GlueRegistration> RegisterAsync(string database, string table, Snapshot snapshot, Uri tableRoot, CancellationToken cancellationToken)
    {
        var wanted = GlueTableBuilder.Table(table, snapshot, tableRoot);
        var action = await EnsureTableAsync(database, wanted, cancellationToken);
        var sync = await SyncPartitionsAsync(database, table, GlueTableBuilder.Partitions(snapshot, tableRoot), cancellationToken);
        GlueLog.Registered(log, database, table, action, snapshot.Version, sync.Added, sync.Removed, sync.Updated);
        return new GlueRegistration(database, table, snapshot.Version, action, sync.Added, sync.Removed, sync.Updated);
    }

    /// <summary>
    /// Tasks of one job register the same tables at once (docs/scale-out.md): a create that another task won, or an update
    /// that raced another task's, is done again against what the other task left (bounded).
    /// </summary>
    private async Task<GlueTableAction> EnsureTableAsync(string database, GlueTableInput wanted, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryEnsureTableAsync(database, wanted, cancellationToken);
            }
            catch (AwsServiceException ex) when (attempt < 5 && ex.ErrorCode is "AlreadyExistsException" or "ConcurrentModificationException")
            {
                GlueLog.TableRaced(log, database, wanted.Name, ex.ErrorCode);
            }
        }
    }

    private async Task<GlueTableAction> TryEnsureTableAsync(string database, GlueTableInput wanted, CancellationToken cancellationToken)
    {
        var existing = await glue.GetTableAsync(database, wanted.Name, cancellationToken);
        if (existing is null)
        {
            await glue.CreateTableAsync(database, wanted, cancellationToken);
            return GlueTableAction.Created;
        }

        if (!existing.PartitionKeys.SequenceEqual(wanted.PartitionKeys))
        {
            await glue.DeleteTableAsync(database, wanted.Name, cancellationToken);
            await glue.CreateTableAsync(database, wanted, cancellationToken);
            return GlueTableAction.Recreated;
        }

        if (Matches(existing, wanted))
        {
            return GlueTableAction.Unchanged;
        }

        await glue.UpdateTableAsync(database, wanted, existing.VersionId, cancellationToken);
        return GlueTableAction.Updated;
    }

    private async Task<(int Added, int Removed, int Updated)> SyncPartitionsAsync(
        string database, string table, IReadOnlyList<GluePartitionInput> wanted, CancellationToken cancellationToken)
    {
        var existing = (await glue.GetPartitionsAsync(database, table, null, cancellationToken))
            .ToDictionary(p => GlueTableBuilder.PartitionKey(p.Values), StringComparer.Ordinal);
        var wantedKeys = wanted.Select(p => GlueTableBuilder.PartitionKey(p.Values)).ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Where(p => !existing.ContainsKey(GlueTableBuilder.PartitionKey(p.Values))).ToList();
        var outdated = wanted.Where(p => existing.TryGetValue(GlueTableBuilder.PartitionKey(p.Values), out var have) && !SameStorage(have.StorageDescriptor, p.StorageDescriptor)).ToList();
        var stale = existing.Where(p => !wantedKeys.Contains(p.Key)).Select(p => p.Value.Values).ToList();
        var added = missing.Count == 0 ? 0 : await glue.BatchCreatePartitionsAsync(database, table, missing, cancellationToken);
        if (outdated.Count > 0)
        {
            await glue.BatchUpdatePartitionsAsync(database, table, outdated, cancellationToken);
        }

        if (stale.Count > 0)
        {
            await glue.BatchDeletePartitionsAsync(database, table, stale, cancellationToken);
        }

        return (added, stale.Count, outdated.Count);
    }

    private static bool SameStorage(GlueStorageDescriptor? have, GlueStorageDescriptor want) =>
        have is not null
        && have.Columns.SequenceEqual(want.Columns)
        && have.Location == want.Location
        && have.InputFormat == want.InputFormat
        && have.OutputFormat == want.OutputFormat
        && have.SerdeInfo?.SerializationLibrary == want.SerdeInfo?.SerializationLibrary;

    private static bool Matches(GlueTable existing, GlueTableInput wanted)
    {
        return SameStorage(existing.StorageDescriptor, wanted.StorageDescriptor!)
               && existing.TableType == wanted.TableType
               && wanted.Parameters!.All(p => existing.Parameters?.GetValueOrDefault(p.Key) == p.Value);
    }
}
