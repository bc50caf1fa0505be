using ClickBatch.Catalog.Glue;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Errors;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Maintenance;

/// <summary>The steps <c>optimize</c> and <c>promote</c> share: checking --partition before anything, and the catalog following a commit.</summary>
internal static class MaintenanceSteps
{
    /// <summary>
    /// Refuses (exit 2, before any table is touched) a --partition whose columns are not a table's partition columns,
    /// e.g. a typo <c>date=2026-11-22</c> for <c>dt=2026-11-22</c>, which would otherwise change nothing and succeed.
    /// </summary>
    public static async Task CheckPartitionColumnsAsync(
        Func<string, IObjectStore> openStore, string lakeUri, IReadOnlyList<string> tables, string partition, CancellationToken cancellationToken)
    {
        var named = partition.Split('/').Select(segment => segment[..segment.IndexOf('=', StringComparison.Ordinal)]).ToList();
        var problems = new List<string>();
        foreach (var name in tables)
        {
            var log = new DeltaLog(openStore(lakeUri.TrimEnd('/') + "/" + name));
            if (!await log.ExistsAsync(cancellationToken))
            {
                continue;
            }

            var columns = (await log.GetSnapshotAsync(null, cancellationToken)).PartitionColumns;
            if (!named.SequenceEqual(columns, StringComparer.Ordinal))
            {
                problems.Add("table " + name + " is partitioned by [" + string.Join(", ", columns) + "], but --partition " + partition
                    + " names [" + string.Join(", ", named) + "]; name its partition folder, e.g. "
                    + (columns.Count == 0 ? "no --partition at all (the table has no partitions)" : string.Join("/", columns.Select(c => c + "=...")) + "."));
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }
    }

    /// <summary>After a maintenance commit: manifests follow when the commit hook left them stale, and Glue when a database is given.</summary>
    public static async Task FollowAsync(
        DeltaTable table, CommitResult result, IGlueCatalog? glue, string? glueDatabase, string name, string lakeUri, ILogger logger,
        CancellationToken cancellationToken)
    {
        var snapshot = await table.Log.GetSnapshotAsync(result.Version, cancellationToken);
        if (result.ManifestsStale)
        {
            await ManifestWriter.RebuildAsync(table.Log.Store, snapshot, logger, cancellationToken);
        }

        if (glue is not null && glueDatabase is { } database)
        {
            await glue.EnsureDatabaseAsync(database, "ClickBatch Delta tables in " + lakeUri + " (read through symlink manifests)", cancellationToken);
            await new GlueRegistrar(glue, logger).RegisterAsync(database, GlueNames.Table(name), snapshot, table.Log.Store.RootUri, cancellationToken);
        }
    }
}
