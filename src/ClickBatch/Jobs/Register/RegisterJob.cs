using ClickBatch.Catalog.Glue;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Register;

/// <summary>
/// Rebuilds the symlink manifests and the Glue table and partitions of Delta tables from their logs alone, for
/// repair and for tables written before Glue registration existed. Idempotent: a second run changes nothing. Without a
/// Glue database (a local lake read by DuckDB or Spark, or no catalog yet) only the manifests are rebuilt.
/// </summary>
public sealed class RegisterJob(IGlueCatalog? glue, Func<string, IObjectStore> openStore, ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger<RegisterJob>();

    public async Task<IReadOnlyList<TableRegistration>> RegisterAsync(
        string lakeUri, string? glueDatabase, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        if (glue is not null && glueDatabase is not null)
        {
            await glue.EnsureDatabaseAsync(glueDatabase, "ClickBatch Delta tables in " + lakeUri + " (read through symlink manifests)", cancellationToken);
        }

        var results = new List<TableRegistration>();
        foreach (var table in tables)
        {
            results.Add(await RegisterTableAsync(lakeUri.TrimEnd('/') + "/" + table, glueDatabase, table, cancellationToken));
        }

        return results;
    }

    private async Task<TableRegistration> RegisterTableAsync(string tableUri, string? glueDatabase, string table, CancellationToken cancellationToken)
    {
        var store = openStore(tableUri);
        var log = new DeltaLog(store);
        if (!await log.ExistsAsync(cancellationToken))
        {
            return new TableRegistration(table, tableUri, null, null);
        }

        var snapshot = await log.GetSnapshotAsync(null, cancellationToken);
        await ManifestWriter.RebuildAsync(store, snapshot, logger, cancellationToken);
        var registration = glue is null || glueDatabase is null ? null
            : await new GlueRegistrar(glue, logger).RegisterAsync(glueDatabase, GlueNames.Table(table), snapshot, store.RootUri, cancellationToken);
        return new TableRegistration(table, tableUri, snapshot.Version, registration);
    }
}
