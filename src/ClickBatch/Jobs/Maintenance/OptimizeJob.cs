using System.Globalization;
using ClickBatch.Catalog.Glue;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Errors;
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
            await CheckPartitionColumnsAsync(options, cancellationToken);
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

    /// <summary>
    /// Refuses (exit 2, before any table is touched) a --partition whose columns are not a table's partition columns,
    /// e.g. a typo <c>date=2026-11-22</c> for <c>dt=2026-11-22</c>, which would otherwise compact nothing and succeed.
    /// </summary>
    private async Task CheckPartitionColumnsAsync(OptimizeOptions options, CancellationToken cancellationToken)
    {
        var named = options.Partition!.Split('/').Select(segment => segment[..segment.IndexOf('=', StringComparison.Ordinal)]).ToList();
        var problems = new List<string>();
        foreach (var name in options.Tables)
        {
            var log = new DeltaLog(openStore(options.LakeUri.TrimEnd('/') + "/" + name));
            if (!await log.ExistsAsync(cancellationToken))
            {
                continue;
            }

            var columns = (await log.GetSnapshotAsync(null, cancellationToken)).PartitionColumns;
            if (!named.SequenceEqual(columns, StringComparer.Ordinal))
            {
                problems.Add("table " + name + " is partitioned by [" + string.Join(", ", columns) + "], but --partition " + options.Partition
                    + " names [" + string.Join(", ", named) + "]; name its partition folder, e.g. "
                    + (columns.Count == 0 ? "no --partition at all (the table has no partitions)" : string.Join("/", columns.Select(c => c + "=...")) + "."));
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }
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
        await FollowAsync(name, table, result, options, cancellationToken);
        return new OptimizeResult(name, result.Version, summaries, null);
    }

    private async Task FollowAsync(string name, DeltaTable table, CommitResult result, OptimizeOptions options, CancellationToken cancellationToken)
    {
        var snapshot = await table.Log.GetSnapshotAsync(result.Version, cancellationToken);
        if (result.ManifestsStale)
        {
            await ManifestWriter.RebuildAsync(table.Log.Store, snapshot, _logger, cancellationToken);
        }

        if (glue is not null && options.GlueDatabase is { } database)
        {
            await glue.EnsureDatabaseAsync(database, "ClickBatch Delta tables in " + options.LakeUri + " (read through symlink manifests)", cancellationToken);
            await new GlueRegistrar(glue, _logger).RegisterAsync(database, GlueNames.Table(name), snapshot, table.Log.Store.RootUri, cancellationToken);
        }
    }
}
