using System.Text;
using ClickBatch.Delta;
using ClickBatch.Errors;
using ClickBatch.Storage;

namespace ClickBatch.Catalog.Glue;

/// <summary>
/// Writes the symlink manifests Redshift Spectrum reads a Delta table through: one <c>manifest</c> per partition
/// folder (see <see cref="SymlinkManifestPaths"/>) listing the absolute URIs of exactly the active data files, one per
/// line, and deletes the manifests of partitions that have no active file any more. Each manifest is replaced
/// atomically; like Delta's own GENERATE, readers may briefly see partitions of two versions.
/// </summary>
public sealed class SymlinkManifestWriter(IObjectStore store)
{
    public async Task<ManifestSyncResult> WriteAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        RejectDeletionVectors(snapshot);
        var wanted = ManifestContents(snapshot);
        foreach (var (key, lines) in wanted)
        {
            await store.PutAsync(key, Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))), cancellationToken);
        }

        var deleted = 0;
        await foreach (var existing in store.ListAsync(SymlinkManifestPaths.Folder, null, cancellationToken))
        {
            if (IsManifest(existing.Key) && !wanted.ContainsKey(existing.Key))
            {
                await store.DeleteAsync(existing.Key, cancellationToken);
                deleted++;
            }
        }

        return new ManifestSyncResult(snapshot.Version, wanted.Count, deleted, wanted.Values.Sum(l => l.Count));
    }

    /// <summary>Manifest key → absolute data file URIs. An unpartitioned table has one manifest at the folder root.</summary>
    private Dictionary<string, List<string>> ManifestContents(Snapshot snapshot)
    {
        var columns = snapshot.PartitionColumns;
        var physical = GlueTableBuilder.PartitionPhysicalNames(snapshot);
        var manifests = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in snapshot.ActiveFiles)
        {
            var values = physical.Select(c => file.PartitionValues.GetValueOrDefault(c)).ToList();
            var key = SymlinkManifestPaths.PartitionFolder(columns, values) + SymlinkManifestPaths.ManifestFile;
            if (!manifests.TryGetValue(key, out var lines))
            {
                manifests[key] = lines = [];
            }

            lines.Add(AbsolutePath(DataFilePath.ToKey(store.RootUri, file.Path)));
        }

        foreach (var lines in manifests.Values)
        {
            lines.Sort(StringComparer.Ordinal);
        }

        return manifests;
    }

    // The real object path (not URI-escaped), as Delta's GENERATE writes it and Spectrum reads it.
    private string AbsolutePath(string key) => Uri.UnescapeDataString(store.GetAbsoluteUri(key).AbsoluteUri);

    private static bool IsManifest(string key) =>
        key.EndsWith("/" + SymlinkManifestPaths.ManifestFile, StringComparison.Ordinal);

    private static void RejectDeletionVectors(Snapshot snapshot)
    {
        if (snapshot.ActiveFiles.Any(f => f.DeletionVector is not null))
        {
            throw new ClickBatchException(
                "Delta table " + snapshot.Table + " has files with deletion vectors at version " + snapshot.Version
                + "; symlink manifests cannot hide deleted rows from Redshift Spectrum. Purge the deletion vectors (REORG TABLE ... APPLY (PURGE)) first.")
                .With("Table", snapshot.Table.ToString()).With("DeltaVersion", snapshot.Version);
        }
    }
}
