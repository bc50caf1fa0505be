using ClickBatch.Delta;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;

namespace ClickBatch.Jobs.Maintenance;

/// <summary>
/// Files vacuum must never delete: every active file of the current snapshot and every file a live symlink manifest
/// lists (Spectrum may be reading through a manifest written for an older version), plus everything in hidden
/// folders (<c>_delta_log/</c>, <c>_symlink_format_manifest/</c>, <c>_clickbatch/</c>, dot folders).
/// </summary>
internal sealed class ProtectedFiles
{
    private readonly HashSet<string> _keys;
    private readonly HashSet<string> _uris;
    private readonly IObjectStore _store;

    private ProtectedFiles(IObjectStore store, HashSet<string> keys, HashSet<string> uris)
    {
        _store = store;
        _keys = keys;
        _uris = uris;
    }

    public static async Task<ProtectedFiles> LoadAsync(IObjectStore store, Snapshot snapshot, CancellationToken cancellationToken)
    {
        var keys = snapshot.ActiveFiles.Select(f => DataFilePath.ToKey(store.RootUri, f.Path)).ToHashSet(StringComparer.Ordinal);
        var uris = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var info in store.ListAsync(ManifestWriter.Prefix, null, cancellationToken))
        {
            var text = System.Text.Encoding.UTF8.GetString(await store.ReadAllBytesAsync(info.Key, cancellationToken));
            uris.UnionWith(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return new ProtectedFiles(store, keys, uris);
    }

    /// <remarks>Manifests written before the unescaped line form (<see cref="ManifestWriter.Line"/>) held escaped URIs; both count.</remarks>
    public bool Contains(string key) =>
        IsHidden(key) || _keys.Contains(key) || _uris.Contains(ManifestWriter.Line(_store, key)) || _uris.Contains(_store.GetAbsoluteUri(key).AbsoluteUri);

    /// <summary>Delta's convention: a first path segment starting with '_' or '.' is not table data.</summary>
    private static bool IsHidden(string key) => key.Length == 0 || key[0] is '_' or '.';
}
