using System.Globalization;
using ClickBatch.Catalog.Glue;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Landing;
using ClickBatch.Parquet;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Maintenance;

/// <summary>
/// <c>clickbatch optimize</c>: per table, compacts each partition's small files into target-size files in ONE commit
/// (operation OPTIMIZE: remove + add with dataChange=false, txn actions untouched). The commit reads the snapshot the
/// plan came from; concurrent appends rebase (they remove nothing), a concurrent remove of an input is a conflict.
/// Manifests follow through the commit hook; Glue follows when a database is given.
/// </summary>
public sealed class OptimizeJob(Func<string, IObjectStore> openStore, IGlueCatalog? glue, TimeProvider clock, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<OptimizeJob>();

    public async Task<IReadOnlyList<OptimizeResult>> ExecuteAsync(OptimizeOptions options, CancellationToken cancellationToken)
    {
        if (options.Partition is not null)
        {
            await MaintenanceSteps.CheckPartitionColumnsAsync(openStore, options.LakeUri, options.Tables, options.Partition!, cancellationToken);
        }

        var results = new List<OptimizeResult>();
        try
        {
            foreach (var table in options.Tables)
            {
                results.Add(await OptimizeTableAsync(table, options, cancellationToken));
            }
        }
        finally
        {
            // Each partition's working folder is deleted after its compaction; the staging root only if left empty.
            if (Directory.Exists(options.StagingDirectory) && !Directory.EnumerateFileSystemEntries(options.StagingDirectory).Any())
            {
                Directory.Delete(options.StagingDirectory);
            }
        }

        return results;
    }

    private async Task<OptimizeResult> OptimizeTableAsync(string name, OptimizeOptions options, CancellationToken cancellationToken)
    {
        var store = openStore(options.LakeUri.TrimEnd('/') + "/" + name);
        var table = new DeltaTable(store, new DeltaWriterOptions { Clock = clock, Logger = _logger });
        if (!await table.Log.ExistsAsync(cancellationToken))
        {
            return new OptimizeResult(name, null, [], "no Delta table at " + store.RootUri);
        }

        var snapshot = await table.Log.GetSnapshotAsync(null, cancellationToken);
        DeltaWriteSupport.EnsureCanWrite(snapshot.Table, snapshot.Protocol, snapshot.Metadata);
        var plan = CompactionPlan.For(snapshot, options.Partition, options.TargetFileBytes);
        if (plan.Count == 0)
        {
            var reason = "no partition" + (options.Partition is null ? string.Empty : " " + options.Partition) + " has two or more files below the target size";
            MaintenanceLog.NothingToCompact(_logger, name, reason);
            return new OptimizeResult(name, null, [], "nothing to compact: " + reason);
        }

        return options.DryRun
            ? new OptimizeResult(name, null, plan.Select(g => new PartitionCompaction(g.Key, g.Count(), g.Sum(f => f.Size), 0, 0, 0)).ToList(), "dry run")
            : await CompactAsync(name, table, snapshot, plan, options, cancellationToken);
    }

    private async Task<OptimizeResult> CompactAsync(
        string name, DeltaTable table, Snapshot snapshot, IReadOnlyList<IGrouping<string, Delta.Actions.AddFile>> plan,
        OptimizeOptions options, CancellationToken cancellationToken)
    {
        var compactor = new PartitionCompactor(table.Log.Store, DataFields.Of(snapshot), new FileWriterOptions { TargetFileBytes = options.TargetFileBytes }, options.StagingDirectory);
        var transaction = table.StartTransaction(snapshot, "OPTIMIZE");
        transaction.OperationParameters["predicate"] = options.Partition is null ? "[]" : "[\"" + options.Partition + "\"]";
        transaction.OperationParameters["targetSize"] = options.TargetFileBytes.ToString(CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var summaries = new List<PartitionCompaction>();
        foreach (var partition in plan)
        {
            var (adds, removes, summary) = await compactor.CompactAsync(partition.Key, partition.ToList(), now, cancellationToken);
            removes.ForEach(transaction.Remove);
            adds.ForEach(transaction.Add);
            summaries.Add(summary);
            MaintenanceLog.PartitionCompacted(_logger, name, partition.Key, summary.FilesRemoved, summary.FilesAdded);
        }

        var result = await transaction.CommitAsync(cancellationToken);
        MaintenanceLog.OptimizeCommitted(_logger, name, result.Version);
        await MaintenanceSteps.FollowAsync(table, result, glue, options.GlueDatabase, name, options.LakeUri, _logger, cancellationToken);
        return new OptimizeResult(name, result.Version, summaries, null);
    }
}
