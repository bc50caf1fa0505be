using ClickBatch.Storage;

namespace ClickBatch.Delta.Log;

/// <summary>
/// Finds the files a snapshot needs by LISTING <c>_delta_log/</c>: <c>_last_checkpoint</c> only narrows the listing
/// (it can be stale), the newest complete checkpoint at or below the wanted version is used, and the commits after
/// it must be contiguous.
/// </summary>
public static class LogSegmentBuilder
{
    public static async Task<LogSegment> BuildAsync(IObjectStore store, long? version, CancellationToken cancellationToken)
    {
        var hint = await ReadHintAsync(store, cancellationToken);
        var files = hint is { Version: > 0 } && (version is null || version >= hint.Version)
            ? await ListAsync(store, LogFile.LogPrefix + LogFile.FormatVersion(hint.Version - 1) + "~", cancellationToken)
            : null;
        if (files is null || !LogSegmentSelector.HasCompleteCheckpoint(files))
        {
            files = await ListAsync(store, null, cancellationToken);
        }

        return LogSegmentSelector.Select(files, version, store.RootUri);
    }

    public static async Task<List<LogFile>> ListAsync(IObjectStore store, string? startAfter, CancellationToken cancellationToken)
    {
        var files = new List<LogFile>();
        await foreach (var info in store.ListAsync(LogFile.LogPrefix, startAfter, cancellationToken))
        {
            if (LogFile.TryParse(info.Key, info.Size) is { } file)
            {
                files.Add(file);
            }
        }

        return files;
    }

    private static async Task<LastCheckpoint?> ReadHintAsync(IObjectStore store, CancellationToken cancellationToken)
    {
        try
        {
            return LastCheckpoint.TryParse(await store.ReadAllBytesAsync(LastCheckpoint.Key, cancellationToken));
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }
}
