using Microsoft.Extensions.Logging;

namespace ClickBatch.Delta;

/// <summary>Log events of the Delta writer (event ids 3000-3099, stable).</summary>
internal static partial class DeltaLogMessages
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Committed {Table} version {DeltaVersion} ({Adds} adds, {Removes} removes) after {Attempts} attempt(s)")]
    public static partial void Committed(ILogger logger, string table, long deltaVersion, int adds, int removes, int attempts);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Lost the race for {Table} version {DeltaVersion}; rebasing over appends up to version {LatestVersion}")]
    public static partial void RaceLost(ILogger logger, string table, long deltaVersion, long latestVersion);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Wrote checkpoint of {Table} at version {DeltaVersion} ({Actions} actions, {SizeBytes} bytes)")]
    public static partial void CheckpointWritten(ILogger logger, string table, long deltaVersion, long actions, long sizeBytes);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Could not write checkpoint of {Table} at version {DeltaVersion}; the commit stands and the next checkpoint covers it")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception, string table, long deltaVersion);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Deleted {Files} expired log files of {Table} below checkpoint version {DeltaVersion}")]
    public static partial void LogCleaned(ILogger logger, int files, string table, long deltaVersion);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Wrote {Manifests} and deleted {Deleted} symlink manifests of {Table} at version {DeltaVersion}")]
    public static partial void ManifestsWritten(ILogger logger, int manifests, int deleted, string table, long deltaVersion);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Committed {Table} version {DeltaVersion} but could not update its symlink manifests; Spectrum sees stale files until a manifest rebuild")]
    public static partial void ManifestsFailed(ILogger logger, Exception exception, string table, long deltaVersion);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "The store answered the commit of {Table} version {DeltaVersion} as failed, but the version holds this transaction's commit (txnId {TxnId}); it stands")]
    public static partial void OwnCommitRecognised(ILogger logger, Exception? exception, string table, long deltaVersion, string txnId);
}
