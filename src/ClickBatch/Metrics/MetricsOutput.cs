using ClickBatch.Diagnostics;
using ClickBatch.Ledger;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Metrics;

/// <summary>
/// Where a run's metrics go when it ends (docs/metrics.md): EMF lines into the log stream when logs are JSON lines (ECS
/// ships stderr to CloudWatch Logs, which turns them into metrics), and the Prometheus text file when one is configured.
/// A metrics file that cannot be written is logged as an error and does not change the exit code: the data is committed.
/// </summary>
public static partial class MetricsOutput
{
    /// <param name="report">The ended run's report.</param>
    /// <param name="metricsFile">The Prometheus text file to write, or null.</param>
    /// <param name="log">The stream the logs go to (stderr), in <paramref name="format"/>.</param>
    /// <param name="format">The log format: EMF lines only among JSON lines.</param>
    /// <param name="logger">Where a failure to write the file is reported.</param>
    public static async Task EmitAsync(RunReport report, string? metricsFile, TextWriter log, LogFormat format, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(log);
        var metrics = RunMetrics.From(report);
        if (format == LogFormat.Json)
        {
            foreach (var line in EmfWriter.Lines(metrics))
            {
                await log.WriteLineAsync(line);
            }

            await log.FlushAsync();
        }

        if (metricsFile is null)
        {
            return;
        }

        try
        {
            await PrometheusTextFile.WriteAsync(metricsFile, metrics, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            MetricsFileNotWritten(logger, ex, metricsFile);
        }
    }

    [LoggerMessage(EventId = 1960, Level = LogLevel.Error,
        Message = "Could not write the metrics file {MetricsFile}; the run's data is committed and its exit code stands. Check the folder's permissions and free space")]
    private static partial void MetricsFileNotWritten(ILogger logger, Exception exception, string metricsFile);
}
