using Microsoft.Extensions.Logging;

namespace ClickBatch.Catalog.Glue;

/// <summary>Log events of the Glue registration (event ids 5010-5019).</summary>
internal static partial class GlueLog
{
    [LoggerMessage(EventId = 5010, Level = LogLevel.Information,
        Message = "Glue table {Database}.{Table} {Action} for Delta version {DeltaVersion}: {PartitionsAdded} partitions added, {PartitionsRemoved} removed, {PartitionsUpdated} updated")]
    public static partial void Registered(ILogger logger, string database, string table, GlueTableAction action, long deltaVersion, int partitionsAdded, int partitionsRemoved, int partitionsUpdated);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information,
        Message = "Glue table {Database}.{Table} was changed by another writer meanwhile ({ErrorCode}); registering again")]
    public static partial void TableRaced(ILogger logger, string database, string table, string errorCode);

}
