using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Maintenance;

/// <summary>Log events of <c>clickbatch optimize</c>, <c>promote</c> and <c>vacuum</c> (event ids 7100-7199, stable).</summary>
internal static partial class MaintenanceLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information,
        Message = "Table {Table} partition {PartitionPath}: compacted {FilesRemoved} files into {FilesAdded}")]
    public static partial void PartitionCompacted(ILogger logger, string table, string partitionPath, int filesRemoved, int filesAdded);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Table {Table}: optimize committed as Delta version {DeltaVersion}")]
    public static partial void OptimizeCommitted(ILogger logger, string table, long deltaVersion);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information,
        Message = "Table {Table}: nothing to compact ({Reason})")]
    public static partial void NothingToCompact(ILogger logger, string table, string reason);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information,
        Message = "Table {Table}: promote rewrote {Files} files, committed as Delta version {DeltaVersion}")]
    public static partial void PromoteCommitted(ILogger logger, string table, long deltaVersion, int files);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information,
        Message = "Table {Table}: vacuum deleted {Files} unreferenced files ({Bytes} bytes) older than {RetentionHours} h")]
    public static partial void Vacuumed(ILogger logger, string table, int files, long bytes, double retentionHours);
}
