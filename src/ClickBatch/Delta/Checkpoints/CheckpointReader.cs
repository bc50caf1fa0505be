using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Log;
using ClickBatch.Storage;

namespace ClickBatch.Delta.Checkpoints;

/// <summary>
/// Reads the actions of a complete checkpoint: classic or multi-part Parquet (V1 spec), or a UUID-named / classic
/// V2 spec checkpoint (JSON or Parquet) whose file actions may live in <c>_delta_log/_sidecars/</c>.
/// </summary>
public static class CheckpointReader
{
    public const string SidecarPrefix = "_delta_log/_sidecars/";

    public static async Task<List<DeltaAction>> ReadAsync(IObjectStore store, IReadOnlyList<LogFile> parts, CancellationToken cancellationToken)
    {
        var actions = new List<DeltaAction>();
        foreach (var part in parts)
        {
            actions.AddRange(await ReadFileAsync(store, part, cancellationToken));
        }

        foreach (var sidecar in actions.Where(a => a.Sidecar is not null).Select(a => a.Sidecar!).ToList())
        {
            actions.AddRange(await ParquetActionReader.ReadAsync(store, SidecarKey(sidecar.Path), cancellationToken));
        }

        return actions;
    }

    private static async Task<List<DeltaAction>> ReadFileAsync(IObjectStore store, LogFile file, CancellationToken cancellationToken) =>
        file.IsParquet
            ? await ParquetActionReader.ReadAsync(store, file.Key, cancellationToken)
            : DeltaActionSerializer.ParseLines(await store.ReadAllBytesAsync(file.Key, cancellationToken), file.Key);

    /// <summary>Sidecar paths are URI-encoded and usually just a file name; a full path keeps only its last segment.</summary>
    private static string SidecarKey(string path)
    {
        var decoded = UriPath.Unescape(path);
        return SidecarPrefix + decoded[(decoded.LastIndexOf('/') + 1)..];
    }
}
