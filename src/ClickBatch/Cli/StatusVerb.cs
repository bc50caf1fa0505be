using ClickBatch.Configuration;
using ClickBatch.Errors;
using ClickBatch.Jobs.Status;
using ClickBatch.Kafka;
using CommandLine;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch status</c>: per topic partition the offsets in Delta, in the consumer group and in Kafka, the lag, and the last run.</summary>
[Verb("status", HelpText = "Show per topic partition the offset stored in Delta (table and rejects), the group offset, "
    + "earliest and latest offsets, lag, and the last run from the ledger. Reads only; same options as 'run'.")]
public sealed class StatusVerb : IVerb
{
    [Option("config", HelpText = "JSON config file, as for 'run'; CLICKBATCH_* environment variables and flags override it.")]
    public string? Config { get; set; }

    [Option("bootstrap-servers", HelpText = "Kafka HOST:PORT[,HOST:PORT...] (Kafka.BootstrapServers).")]
    public string? BootstrapServers { get; set; }

    [Option("lake", HelpText = "Lake root: a local folder or s3://bucket/prefix.")]
    public string? Lake { get; set; }

    [Option("topics", HelpText = "Comma-separated topics (default: every configured topic, or clicks,checkouts).")]
    public string? Topics { get; set; }

    [Option("job-id", HelpText = "The job whose txn offsets and runs to show (default clickbatch).")]
    public string? JobId { get; set; }

    [Option("group-id", HelpText = "Consumer group whose committed offsets to show (default: the job id).")]
    public string? GroupId { get; set; }

    [Option("json", HelpText = "Print one JSON object instead of a table.")]
    public bool Json { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = new RunVerb { Config = Config, BootstrapServers = BootstrapServers, Lake = Lake, Topics = Topics, JobId = JobId, GroupId = GroupId };
        var settings = RunSettingsFactory.Create(run.LoadOptions(context));
        using var loggers = (context with { MinimumLogLevel = LogLevel.Warning }).CreateLoggerFactory();
        var sourceLogger = loggers.CreateLogger<ConfluentKafkaSource>();
        var job = new StatusJob(settings, () => ConfluentKafkaSource.Create(settings.Kafka, settings.Source, context.Clock, sourceLogger),
            context.OpenStore);
        var report = await CollectAsync(job, settings.LakeUri, cancellationToken);
        await context.Out.WriteLineAsync(Json ? StatusPrinter.Json(report) : StatusPrinter.Table(report));
        return ExitCodes.Success;
    }

    /// <summary>Turns an unreadable lake into a message that names it (Kafka failures already are <see cref="ClickBatchException"/>).</summary>
    private static async Task<StatusReport> CollectAsync(StatusJob job, string lake, CancellationToken cancellationToken)
    {
        try
        {
            return await job.CollectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ClickBatchException($"Could not read the lake {lake}: {ex.Message}. Expected a readable lake folder "
                + "or bucket: check --lake and the permissions.", ex).With("Lake", lake);
        }
    }
}
