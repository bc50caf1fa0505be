using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Run;

/// <summary>Log events of the Redshift Spectrum check at the end of <c>clickbatch run</c> (event ids 1910-1919 of the run's range).</summary>
internal static partial class SpectrumCheckLog
{
    [LoggerMessage(EventId = 1910, Level = LogLevel.Information,
        Message = "Redshift Spectrum check: counting {Partitions} partition(s) in external schema {Schema} over Glue database {GlueDatabase}")]
    public static partial void Started(ILogger logger, int partitions, string schema, string glueDatabase);

    [LoggerMessage(EventId = 1911, Level = LogLevel.Warning,
        Message = "Redshift Spectrum check: table {Table} partition {Partition} holds {Expected} rows in the Delta log, Spectrum counted {Actual}")]
    public static partial void Mismatch(ILogger logger, string table, string partition, long expected, long actual);

    [LoggerMessage(EventId = 1912, Level = LogLevel.Error,
        Message = "Redshift Spectrum check could not finish ({Step}) after {Checked} of {Partitions} partition(s); the data is committed")]
    public static partial void Failed(ILogger logger, Exception exception, string step, int @checked, int partitions);

    [LoggerMessage(EventId = 1913, Level = LogLevel.Information,
        Message = "Redshift Spectrum check: {Checked} partition(s) counted, {Mismatches} mismatch(es)")]
    public static partial void Ended(ILogger logger, int @checked, int mismatches);

    [LoggerMessage(EventId = 1914, Level = LogLevel.Warning,
        Message = "Redshift Spectrum check skipped (--skip-redshift-check)")]
    public static partial void Skipped(ILogger logger);
}
