using ClickBatch.Delta.Snapshots;

namespace ClickBatch.Catalog;

/// <summary>
/// Brings a catalog in line with a table's snapshot after a commit (issue 5: data files, Delta commit, manifests,
/// catalog). Must be idempotent: a failure after the commit is repaired by the next run or <c>clickbatch register</c>.
/// </summary>
public interface ICatalogSync
{
    /// <param name="table">The table's name in the catalog source (last segment of its location, e.g. clicks_rejects).</param>
    /// <param name="snapshot">The snapshot just committed.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task SyncAsync(string table, Snapshot snapshot, CancellationToken cancellationToken);
}
