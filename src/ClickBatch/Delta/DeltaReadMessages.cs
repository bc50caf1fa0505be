using Microsoft.Extensions.Logging;

namespace ClickBatch.Delta;

/// <summary>Log events of the Delta reader (event ids 3100-3199, stable).</summary>
internal static partial class DeltaReadMessages
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Checkpoint {File} of {Table} is damaged and was skipped; version {DeltaVersion} is read from {Fallback} instead. Restore or delete the damaged file")]
    public static partial void CheckpointDamaged(ILogger logger, Exception exception, string file, string table, long deltaVersion, string fallback);
}
