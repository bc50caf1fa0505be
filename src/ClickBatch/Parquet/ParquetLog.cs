using Microsoft.Extensions.Logging;

namespace ClickBatch.Parquet;

/// <summary>Log events of Parquet writing (event ids 6100-6199).</summary>
internal static partial class ParquetLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Debug,
        Message = "Closed data file {RelativePath}: {Records} records, {Bytes} bytes ({Reason})")]
    public static partial void FileClosed(ILogger logger, string relativePath, long records, long bytes, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Debug,
        Message = "Flushing a row group of {Rows} rows to {RelativePath} ({Reason})")]
    public static partial void RowGroupFlushed(ILogger logger, int rows, string relativePath, string reason);
}
