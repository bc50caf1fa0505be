using System.Globalization;
using ClickBatch.Catalog.Glue;
using ClickBatch.Configuration;
using CommandLine;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Cli;

/// <summary>
/// The flags of the verbs that work from the run's configuration (<c>run</c>, <c>backfill</c>): the config file, Kafka,
/// the lake, the job id, file sizes, staging and Glue. Each binds to the configuration key it overrides.
/// </summary>
public abstract class ConfiguredVerb
{
    [Option("config", HelpText = "JSON config file (see README 'Configuration'); CLICKBATCH_* environment variables and flags override it.")]
    public string? Config { get; set; }

    [Option("bootstrap-servers", HelpText = "Kafka HOST:PORT[,HOST:PORT...] (Kafka.BootstrapServers).")]
    public string? BootstrapServers { get; set; }

    [Option("lake", HelpText = "Lake root: a local folder or s3://bucket/prefix. Tables are <lake>/<topic> and <lake>/<topic>_rejects.")]
    public string? Lake { get; set; }

    [Option("job-id", HelpText = "Stable job id: part of every Delta txn appId and the default consumer group (default clickbatch).")]
    public string? JobId { get; set; }

    [Option("target-file-size-mib", HelpText = "Target Parquet file size in MiB (default 128).")]
    public int? TargetFileSizeMiB { get; set; }

    [Option("staging-dir", HelpText = "Local folder for Parquet files before upload (default: under the temp folder).")]
    public string? StagingDirectory { get; set; }

    [Option("glue-database", HelpText = "Register the tables and their partitions in this Glue database after each commit (Redshift Spectrum reads them); AWS settings from the standard chain.")]
    public string? GlueDatabase { get; set; }

    [Option("verbose", HelpText = "Debug logging.")]
    public bool Verbose { get; set; }

    /// <summary>The configuration keys these flags override (null: not given), plus the verb's own.</summary>
    private Dictionary<string, string?> Flags(IEnumerable<KeyValuePair<string, string?>> own)
    {
        var flags = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Lake"] = Lake,
            ["JobId"] = JobId,
            ["Kafka:BootstrapServers"] = BootstrapServers,
            ["Run:TargetFileSizeMiB"] = TargetFileSizeMiB?.ToString(CultureInfo.InvariantCulture),
            ["Run:StagingDirectory"] = StagingDirectory,
            ["Catalog:GlueDatabase"] = GlueDatabase,
        };
        foreach (var (key, value) in own)
        {
            flags[key] = value;
        }

        return flags;
    }

    /// <summary>The options from the config file, the environment and these flags; warnings (a secret in the file) go to the log.</summary>
    protected ClickBatchOptions Load(CliContext context, IEnumerable<KeyValuePair<string, string?>> own)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var loggers = context.CreateLoggerFactory();
        return OptionsLoader.Load(Config, context.Environment, Flags(own), loggers.CreateLogger(typeof(OptionsLoader).FullName!));
    }

    /// <summary>Glue registration after each commit, when the settings name a database.</summary>
    protected static GlueCatalogSync? CatalogFor(RunSettings settings, CliContext context, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        return settings.GlueDatabase is not { } database
            ? null
            : new GlueCatalogSync(context.OpenGlue(loggers), database, loggers.CreateLogger<GlueCatalogSync>());
    }
}
