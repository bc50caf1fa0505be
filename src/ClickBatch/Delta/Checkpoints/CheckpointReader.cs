using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Log;
using ClickBatch.Storage;

namespace ClickBatch.Delta.Checkpoints;

/// <summary>
/// Reads the actions of a complete checkpoint: classic or multi-part Parquet (V1 spec), or a UUID-named / classic
/// V2 spec checkpoint (JSON or Parquet) whose file actions may live in <c>_delta_log/_sidecars/</c>.
/// A checkpoint that cannot be read whole (unreadable Parquet, a bad line, a missing part or sidecar, no protocol or
/// metaData) is a <see cref="DeltaLogCorruptException"/> whose <c>File</c> fact names the damaged object; the
/// caller may then fall back to an older checkpoint or the commits (PROTOCOL.md "Checkpoints").
/// </summary>
public static class CheckpointReader
{
    public const string SidecarPrefix = "_delta_log/_sidecars/";

    public static async Task<List<DeltaAction>> ReadAsync(
        IObjectStore store, IReadOnlyList<LogFile> parts, string? scratchRoot, CancellationToken cancellationToken)
    {
        var actions = new List<DeltaAction>();
        foreach (var part in parts)
        {
            actions.AddRange(await ReadFileAsync(store, part.Key, part.IsParquet, scratchRoot, cancellationToken));
        }

        foreach (var sidecar in actions.Where(a => a.Sidecar is not null).Select(a => a.Sidecar!).ToList())
        {
            actions.AddRange(await ReadFileAsync(store, SidecarKey(sidecar.Path), true, scratchRoot, cancellationToken));
        }

        EnsureComplete(actions, parts[0]);
        return actions;
    }

    private static async Task<List<DeltaAction>> ReadFileAsync(
        IObjectStore store, string key, bool parquet, string? scratchRoot, CancellationToken cancellationToken)
    {
        try
        {
            return parquet
                ? await ParquetActionReader.ReadAsync(store, key, scratchRoot, cancellationToken)
                : DeltaActionSerializer.ParseLines(await store.ReadAllBytesAsync(key, cancellationToken), key);
        }
        catch (ObjectNotFoundException ex)
        {
            throw new DeltaLogCorruptException(
                "Expected checkpoint file " + key + " to exist, but it is missing (deleted after the log was listed, or a sidecar "
                + "the checkpoint references was removed).", ex).With("File", key);
        }
    }

    /// <summary>Every checkpoint holds the table's protocol and metaData (PROTOCOL.md "Checkpoint Specs").</summary>
    private static void EnsureComplete(List<DeltaAction> actions, LogFile first)
    {
        var missing = !actions.Any(a => a.Protocol is not null) ? "protocol" : !actions.Any(a => a.Metadata is not null) ? "metaData" : null;
        if (missing is not null)
        {
            throw new DeltaLogCorruptException(
                "Expected checkpoint " + first.Key + " to hold the table's " + missing + " action, but it has none: the file is damaged "
                + "or not a checkpoint.").With("File", first.Key).With("DeltaVersion", first.Version);
        }
    }

    /// <summary>Sidecar paths are URI-encoded and usually just a file name; a full path keeps only its last segment.</summary>
    private static string SidecarKey(string path)
    {
        var decoded = UriPath.Unescape(path);
        return SidecarPrefix + decoded[(decoded.LastIndexOf('/') + 1)..];
    }
}
