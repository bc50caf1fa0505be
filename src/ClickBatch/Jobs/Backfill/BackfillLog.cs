using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Backfill;

/// <summary>Log events of <c>clickbatch backfill</c> (event ids 7200-7299, stable).</summary>
internal static partial class BackfillLog
{
    [LoggerMessage(EventId = 7200, Level = LogLevel.Information,
        Message = "Backfill of {Topic} partition {Partition}: reading offsets {FromOffset} to {ToOffset} (exclusive)")]
    public static partial void PartitionPlanned(ILogger logger, string topic, int partition, long fromOffset, long toOffset);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information,
        Message = "Backfill of {Topic}: read {Records} records, {Rows} rows and {Rejects} rejects")]
    public static partial void Decoded(ILogger logger, string topic, long records, long rows, long rejects);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Information,
        Message = "Table {Table}: backfill committed as Delta version {DeltaVersion} ({FilesRemoved} files removed, {FilesRewritten} rewritten, {FilesAdded} added)")]
    public static partial void Committed(ILogger logger, string table, long deltaVersion, int filesRemoved, int filesRewritten, int filesAdded);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Information,
        Message = "Table {Table}: nothing to replace (no file holds the range and no row was read for it)")]
    public static partial void NothingToReplace(ILogger logger, string table);
}
