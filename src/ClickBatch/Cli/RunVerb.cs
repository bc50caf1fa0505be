using System.Globalization;
using ClickBatch.Aws;
using ClickBatch.Catalog.Redshift;
using ClickBatch.Configuration;
using ClickBatch.Diagnostics;
using ClickBatch.Errors;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Metrics;
using CommandLine;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch run</c>: the daily available-now drain of Kafka into Delta tables.</summary>
[Verb("run", HelpText = "Drain the topics up to the end offsets that exist now into Delta tables, exactly once "
    + "(offsets live in the Delta log), rejects kept, and leave a run report in <lake>/_clickbatch/runs/.")]
public sealed class RunVerb : ConfiguredVerb, IVerb
{
    [Option("topics", HelpText = "Comma-separated topics to land (default: every configured topic, or clicks,checkouts).")]
    public string? Topics { get; set; }

    [Option("group-id", HelpText = "Consumer group offsets are mirrored to after each run (default: the job id).")]
    public string? GroupId { get; set; }

    [Option("starting-offsets", HelpText = "Start of partitions the Delta log does not know: earliest (default), latest or group.")]
    public string? StartingOffsets { get; set; }

    [Option("assignment", HelpText = "Which partitions this task drains: all (default) or group (identical tasks of one job share them "
        + "through the Kafka consumer group; docs/scale-out.md).")]
    public string? Assignment { get; set; }

    [Option("shard", HelpText = "K/N: drain the partitions p with p mod N = K of every topic (0 <= K < N), for schedulers that hand out an "
        + "index, e.g. AWS Batch array jobs (docs/scale-out.md).")]
    public string? Shard { get; set; }

    [Option("allow-data-loss", HelpText = "When retention deleted unread records, continue from the earliest offset and record the gap instead of failing with exit 3.")]
    public bool AllowDataLoss { get; set; }

    [Option("max-reject-ratio", HelpText = "Fail with exit 4 when rejects exceed this share of a topic's records, 0..1 (default 0.05).")]
    public double? MaxRejectRatio { get; set; }

    [Option("commit-every-records", HelpText = "Commit a Delta transaction every N records per topic (default 2000000).")]
    public long? CommitEveryRecords { get; set; }

    [Option("redshift-cluster", HelpText = "Check in Redshift Spectrum after the run, on this provisioned cluster (Catalog.Redshift.ClusterIdentifier; with --redshift-db-user or --redshift-secret-arn).")]
    public string? RedshiftCluster { get; set; }

    [Option("redshift-workgroup", HelpText = "Check in Redshift Spectrum after the run, on this Redshift Serverless workgroup (Catalog.Redshift.WorkgroupName).")]
    public string? RedshiftWorkgroup { get; set; }

    [Option("redshift-database", HelpText = "Redshift database the check's statements run in (Catalog.Redshift.Database).")]
    public string? RedshiftDatabase { get; set; }

    [Option("redshift-db-user", HelpText = "Database user for temporary cluster credentials (Catalog.Redshift.DbUser).")]
    public string? RedshiftDbUser { get; set; }

    [Option("redshift-secret-arn", HelpText = "Secrets Manager secret with the Redshift credentials (Catalog.Redshift.SecretArn).")]
    public string? RedshiftSecretArn { get; set; }

    [Option("redshift-iam-role", HelpText = "IAM role ARN Spectrum assumes to read Glue and the lake, for CREATE EXTERNAL SCHEMA (Catalog.Redshift.IamRole).")]
    public string? RedshiftIamRole { get; set; }

    [Option("redshift-schema", HelpText = "Redshift external schema over the Glue database (Catalog.Redshift.ExternalSchema, default clickbatch).")]
    public string? RedshiftSchema { get; set; }

    [Option("skip-redshift-check", HelpText = "Do not run the Redshift Spectrum check even when Catalog.Redshift is configured (its settings are then not validated).")]
    public bool SkipRedshiftCheck { get; set; }

    [Option("metrics-file", HelpText = "Write the run's metrics as a Prometheus text file when it ends, for node_exporter's textfile collector (Run.MetricsFile; docs/metrics.md).")]
    public string? MetricsFile { get; set; }

    [Option("json", HelpText = "Print the run report as JSON on stdout instead of the summary.")]
    public bool Json { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = RunSettingsFactory.Create(LoadOptions(context));
        var bars = context.IsInteractive && context.LogFormat == LogFormat.Text && !Json;
        using var loggers = (context with { MinimumLogLevel = Verbose ? LogLevel.Debug : bars ? LogLevel.Warning : LogLevel.Information }).CreateLoggerFactory();
        var sourceLogger = loggers.CreateLogger<ConfluentKafkaSource>();
        var terminal = bars ? new TerminalRunProgress() : null;
        var job = new RunJob(settings, () => ConfluentKafkaSource.Create(settings.Kafka, settings.Source, context.Clock, sourceLogger),
            loggers, context.Clock, context.OpenStore, CatalogFor(settings, context, loggers))
        {
            Progress = terminal,
            Redshift = RedshiftFor(settings, context, loggers),
        };
        if (SkipRedshiftCheck)
        {
            SpectrumCheckLog.Skipped(loggers.CreateLogger<RunJob>());
        }

        var report = terminal is null
            ? await job.ExecuteAsync(cancellationToken)
            : await terminal.RunAsync(() => job.ExecuteAsync(cancellationToken));
        await RunSummaryPrinter.PrintAsync(report, Json, context.Out);
        await MetricsOutput.EmitAsync(report, settings.MetricsFile, context.Error, context.LogFormat, loggers.CreateLogger<RunVerb>());
        return report.ExitCode ?? ExitCodes.Failure;
    }

    /// <summary>Same chain as Glue: region, AWS_ENDPOINT_URL_REDSHIFT_DATA then AWS_ENDPOINT_URL, credentials (docs/aws.md).</summary>
    private static RedshiftDataClient? RedshiftFor(RunSettings settings, CliContext context, ILoggerFactory loggers) =>
        settings.RedshiftCheck is null
            ? null
            : new RedshiftDataClient(AwsJsonClient.Create(context.Environment, AwsService.RedshiftData, context.Clock,
                loggers.CreateLogger<AwsJsonClient>()), context.Clock);

    /// <summary>The options from the config file, the environment and these flags (flags win).</summary>
    public ClickBatchOptions LoadOptions(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Load(context, OwnFlags());
        if (Topics is not null)
        {
            options.Topics = SelectTopics(options.Topics, Topics);
        }

        if (SkipRedshiftCheck)
        {
            options.Catalog.Redshift = null;
        }

        return options;
    }

    private Dictionary<string, string?> OwnFlags() => new(StringComparer.Ordinal)
    {
        ["Kafka:GroupId"] = GroupId,
        ["Run:StartingOffsets"] = StartingOffsets,
        ["Run:AllowDataLoss"] = AllowDataLoss ? "true" : null,
        ["Run:Assignment"] = Assignment,
        ["Run:Shard"] = Shard,
        ["Run:MaxRejectRatio"] = MaxRejectRatio?.ToString(CultureInfo.InvariantCulture),
        ["Run:CommitEveryRecords"] = CommitEveryRecords?.ToString(CultureInfo.InvariantCulture),
        ["Run:MetricsFile"] = MetricsFile,
        ["Catalog:Redshift:ClusterIdentifier"] = RedshiftCluster,
        ["Catalog:Redshift:WorkgroupName"] = RedshiftWorkgroup,
        ["Catalog:Redshift:Database"] = RedshiftDatabase,
        ["Catalog:Redshift:DbUser"] = RedshiftDbUser,
        ["Catalog:Redshift:SecretArn"] = RedshiftSecretArn,
        ["Catalog:Redshift:IamRole"] = RedshiftIamRole,
        ["Catalog:Redshift:ExternalSchema"] = RedshiftSchema,
    };

    /// <summary>--topics picks configured topics by name; a name not configured gets the defaults (built-in schema).</summary>
    private static List<TopicOptions> SelectTopics(List<TopicOptions> configured, string names) =>
        names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => configured.FirstOrDefault(t => t.Name == name) ?? new TopicOptions { Name = name })
            .ToList();
}
