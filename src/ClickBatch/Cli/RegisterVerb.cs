using System.Text.Json;
using System.Text.Json.Serialization;
using ClickBatch.Catalog.Glue;
using ClickBatch.Errors;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Jobs.Register;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using CommandLine;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch register</c>: manifests, Glue tables and partitions rebuilt from the Delta logs (repair).</summary>
[Verb("register", HelpText = "Rebuild symlink manifests, and with --glue-database the Glue tables and partitions, from the "
    + "Delta logs alone; idempotent. For repair and for tables written before. AWS settings from the environment (docs/aws.md).")]
public sealed class RegisterVerb : IVerb
{
    /// <summary>camelCase keys, like every other --json output; enum values by name.</summary>
    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Option("config", HelpText = "The run's JSON config file: Lake, Catalog.GlueDatabase and the topics' tables are taken from it (and from CLICKBATCH_* variables) unless given as flags.")]
    public string? Config { get; set; }

    [Option("lake", HelpText = "Lake root: a local folder or s3://bucket/prefix. Tables are <lake>/<table>.")]
    public string? Lake { get; set; }

    [Option("glue-database", HelpText = "Glue database to register the tables in (created if missing). Without it only the manifests are rebuilt.")]
    public string? GlueDatabase { get; set; }

    [Option("tables", HelpText = "Comma-separated tables under the lake (default the configured topics', else clicks,checkouts); each one's <table>_rejects is registered too.")]
    public string? Tables { get; set; }

    [Option("manifests-only", HelpText = "Rebuild the manifests only, even when --config or CLICKBATCH_* name a Glue database.")]
    public bool ManifestsOnly { get; set; }

    [Option("json", HelpText = "Print the result as JSON on stdout.")]
    public bool Json { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = MaintenanceConfig.Load(context, Config);
        Lake ??= config.Lake;
        GlueDatabase ??= ManifestsOnly ? null : config.GlueDatabase;
        Tables ??= config.TopicTables(withRejects: true) is { } configured ? string.Join(",", configured) : "clicks,checkouts";
        var tables = Validate();
        using var loggers = context.CreateLoggerFactory();
        var glue = GlueDatabase is null ? null : context.OpenGlue(loggers);
        var job = new RegisterJob(glue, context.OpenStore, loggers);
        await MaintenanceTables.EnsureAnyExistsAsync(Lake!, tables, context.OpenStore, cancellationToken);
        var ledger = new MaintenanceLedger(context.OpenStore(Lake!), context.Clock);
        var results = await ledger.RecordAsync("register", r => r.Where(t => t.DeltaVersion is not null).Select(ToReport).ToList(),
            ct => job.RegisterAsync(Lake!, GlueDatabase, tables, ct), cancellationToken);
        await context.Out.WriteLineAsync(Json ? JsonSerializer.Serialize(results, JsonOutput) : string.Join(Environment.NewLine, results.Select(Describe)));
        return ExitCodes.Success;
    }

    /// <summary>A table's ledger line: the Delta version its manifests and Glue entries were rebuilt from.</summary>
    private static TopicReport ToReport(TableRegistration r) => new()
    {
        Topic = r.Table,
        Table = r.TableUri,
        RejectsTable = string.Empty,
        DeltaVersions = [r.DeltaVersion!.Value],
    };

    private static string Describe(TableRegistration r) => r.Glue is not { } g
        ? r.Table + (r.DeltaVersion is { } v ? ": Delta version " + v + ", manifests rebuilt (no Glue database given)" : ": no Delta table at " + r.TableUri + ", skipped")
        : r.Table + ": Delta version " + g.DeltaVersion + ", Glue table " + g.Database + "." + g.Table + " " + g.TableAction.ToString().ToLowerInvariant()
          + ", " + g.PartitionsAdded + " partition(s) added, " + g.PartitionsRemoved + " removed, " + g.PartitionsUpdated + " updated";

    private List<string> Validate()
    {
        var problems = new List<string>();
        if (StoreLocation.LakeProblem(Lake) is { } lake)
        {
            problems.Add(lake);
        }

        if (ManifestsOnly && GlueDatabase is not null)
        {
            problems.Add("--manifests-only and --glue-database contradict each other: give one.");
        }

        if (GlueDatabase is not null && GlueNames.Table(GlueDatabase) != GlueDatabase)
        {
            problems.Add("--glue-database must be a Glue name (lower case letters, digits, underscores), got '" + GlueDatabase + "'.");
        }

        var tables = Tables!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (tables.Count == 0)
        {
            problems.Add("--tables names no table; expected e.g. clicks,checkouts.");
        }

        return problems.Count > 0 ? throw new ConfigurationException(problems) : tables.SelectMany(t => new[] { t, t + "_rejects" }).ToList();
    }
}
