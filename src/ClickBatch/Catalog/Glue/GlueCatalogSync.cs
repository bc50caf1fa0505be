using ClickBatch.Delta.Snapshots;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Catalog.Glue;

/// <summary>Registers each committed snapshot in a Glue database (created on first use) for Redshift Spectrum.</summary>
public sealed class GlueCatalogSync(IGlueCatalog glue, string database, ILogger logger) : ICatalogSync
{
    private readonly GlueRegistrar _registrar = new(glue, logger);
    private bool _databaseEnsured;

    public async Task SyncAsync(string table, Snapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!_databaseEnsured)
        {
            await glue.EnsureDatabaseAsync(database, "ClickBatch Delta tables (symlink manifests for Redshift Spectrum)", cancellationToken);
            _databaseEnsured = true;
        }

        await _registrar.RegisterAsync(database, GlueNames.Table(table), snapshot, snapshot.Table, cancellationToken);
    }
}
