using System.Text;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Delta.Manifests;

/// <summary>
/// Symlink manifests for Redshift Spectrum / Athena: <c>_symlink_format_manifest/&lt;partition path&gt;/manifest</c>
/// lists the absolute locations of the active files of that partition, one per line (unpartitioned tables:
/// <c>_symlink_format_manifest/manifest</c>), in the form <see cref="Line"/> gives. Each manifest is replaced atomically.
/// </summary>
public static class ManifestWriter
{
    public const string Prefix = "_symlink_format_manifest/";

    /// <summary>Regenerates the partitions a commit touched; deletes manifests of partitions it left empty.</summary>
    public static async Task UpdateAsync(IObjectStore store, Snapshot snapshot, IEnumerable<DeltaAction> commitActions, ILogger logger, CancellationToken cancellationToken)
    {
        var touched = commitActions
            .Select(a => a.Add?.PartitionValues ?? a.Remove?.PartitionValues)
            .Where(v => v is not null)
            .Select(v => PartitionDirectory(snapshot, v!))
            .ToHashSet(StringComparer.Ordinal);
        await WriteAsync(store, snapshot, touched, logger, cancellationToken);
    }

    /// <summary>Rebuilds every manifest from the snapshot and deletes manifests of partitions that no longer exist.</summary>
    public static async Task RebuildAsync(IObjectStore store, Snapshot snapshot, ILogger logger, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var info in store.ListAsync(Prefix, null, cancellationToken))
        {
            if (info.Key.EndsWith("/manifest", StringComparison.Ordinal) || info.Key == Prefix + "manifest")
            {
                existing.Add(info.Key[Prefix.Length..^"manifest".Length].TrimEnd('/'));
            }
        }

        existing.UnionWith(snapshot.ActiveFiles.Select(f => PartitionDirectory(snapshot, f.PartitionValues)));
        await WriteAsync(store, snapshot, existing, logger, cancellationToken);
    }

    /// <summary>
    /// The manifest line naming the object at <paramref name="key"/>: its absolute location with the path not
    /// URI-escaped (<c>s3://bucket/t/p=a b/f.parquet</c>, <c>p=50%25</c> for the Hive-escaped value <c>50%</c>).
    /// Delta's GenerateSymlinkManifest writes Hadoop's <c>Path.toString</c>, which is unescaped, and Hive's
    /// SymlinkTextInputFormat (what Spectrum and Athena follow) reads each line with <c>new Path(line)</c>, which takes
    /// the text after scheme and authority as the literal object key: an escaped line would name another object.
    /// </summary>
    public static string Line(IObjectStore store, string key) => Uri.UnescapeDataString(store.GetAbsoluteUri(key).AbsoluteUri);

    /// <summary>
    /// <see cref="Line"/> for many keys of one store: a key of only letters, digits and <c>-_.=/</c> (every file ClickBatch
    /// writes; no segment starting with '.', no empty segment) is neither escaped nor changed by <see cref="Uri"/>, so its
    /// line is the unescaped root followed by the key; other keys go through <see cref="Line"/>. A manifest of a partition
    /// with thousands of files is one string join instead of thousands of <see cref="Uri"/> parses (issue 15: the per-run
    /// cost must not grow with the table).
    /// </summary>
    internal static Func<string, string> Lines(IObjectStore store)
    {
        var root = Uri.UnescapeDataString(store.RootUri.AbsoluteUri);
        return key => IsPlain(key) ? root + key : Line(store, key);
    }

    private static bool IsPlain(string key) =>
        key.Length > 0 && key[0] is not ('/' or '.') && !key.Contains("//", StringComparison.Ordinal) && !key.Contains("/.", StringComparison.Ordinal)
        && key.AsSpan().IndexOfAnyExcept(PlainCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> PlainCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.=/");

    public static string ManifestKey(string partitionDirectory) =>
        Prefix + (partitionDirectory.Length == 0 ? string.Empty : partitionDirectory + "/") + "manifest";

    private static async Task WriteAsync(IObjectStore store, Snapshot snapshot, IReadOnlySet<string> partitions, ILogger logger, CancellationToken cancellationToken)
    {
        var filesByPartition = snapshot.ActiveFiles.ToLookup(f => PartitionDirectory(snapshot, f.PartitionValues), StringComparer.Ordinal);
        var line = Lines(store);
        int written = 0, deleted = 0;
        foreach (var partition in partitions.Order(StringComparer.Ordinal))
        {
            var uris = filesByPartition[partition].Select(f => line(DataFilePath.ToKey(store.RootUri, f.Path))).Order(StringComparer.Ordinal).ToList();
            if (uris.Count == 0)
            {
                await store.DeleteAsync(ManifestKey(partition), cancellationToken);
                deleted++;
                continue;
            }

            await store.PutAsync(ManifestKey(partition), Encoding.UTF8.GetBytes(string.Join('\n', uris) + "\n"), cancellationToken);
            written++;
        }

        DeltaLogMessages.ManifestsWritten(logger, written, deleted, snapshot.Table.ToString(), snapshot.Version);
    }

    private static string PartitionDirectory(Snapshot snapshot, IReadOnlyDictionary<string, string?> values) =>
        PartitionPath.Build(snapshot.PartitionColumns, values);
}
