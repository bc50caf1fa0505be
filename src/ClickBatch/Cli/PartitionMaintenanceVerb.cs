using System.Text.RegularExpressions;
using ClickBatch.Catalog.Glue;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using CommandLine;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Cli;

/// <summary>
/// What <c>optimize</c> and <c>promote</c> share: the run's config, the lake, one partition, the Glue database that
/// follows their commit, the checks of those flags, and the ledger entry around the work (none for a dry run).
/// </summary>
public abstract partial class PartitionMaintenanceVerb
{
    [Option("config", HelpText = "The run's JSON config file: Lake, Catalog.GlueDatabase and the topics' tables are taken from it (and from CLICKBATCH_* variables) unless given as flags.")]
    public string? Config { get; set; }

    [Option("lake", HelpText = "Lake root: a local folder or s3://bucket/prefix. Tables are <lake>/<table>.")]
    public string? Lake { get; set; }

    [Option("partition", HelpText = "Only this partition, as its folder name, e.g. dt=2026-11-22 (default all).")]
    public string? Partition { get; set; }

    [Option("glue-database", HelpText = "Glue database the tables are registered in; Glue follows the new snapshot.")]
    public string? GlueDatabase { get; set; }

    /// <summary>Flags win; the lake and Glue database they leave out come from --config and CLICKBATCH_* (MaintenanceConfig).</summary>
    private protected MaintenanceConfig LoadConfig(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = MaintenanceConfig.Load(context, Config);
        Lake ??= config.Lake;
        GlueDatabase ??= config.GlueDatabase;
        return config;
    }

    /// <summary>The problems of the shared flags and of <paramref name="table"/>, for the verb's one list.</summary>
    protected List<string> SharedProblems(string? table)
    {
        var problems = new List<string>();
        if (StoreLocation.LakeProblem(Lake) is { } lake)
        {
            problems.Add(lake);
        }

        if (Partition is not null && !PartitionPattern().IsMatch(Partition))
        {
            problems.Add("--partition must be a partition folder like dt=2026-11-22, got '" + Partition + "'.");
        }

        if (GlueDatabase is not null && GlueNames.Table(GlueDatabase) != GlueDatabase)
        {
            problems.Add("--glue-database must be a Glue name (lower case letters, digits, underscores), got '" + GlueDatabase + "'.");
        }

        problems.AddRange(new[] { MaintenanceTables.Problem(table) }.OfType<string>());
        return problems;
    }

    protected IGlueCatalog? GlueFor(CliContext context, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(context);
        return GlueDatabase is null ? null : context.OpenGlue(loggers);
    }

    /// <summary>Runs <paramref name="work"/> after checking a table exists, inside a ledger entry unless it is a dry run.</summary>
    protected async Task<IReadOnlyList<T>> ExecuteAsync<T>(
        CliContext context, string operation, IReadOnlyList<string> tables, bool dryRun, Func<T, TopicReport> describe,
        Func<CancellationToken, Task<IReadOnlyList<T>>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await MaintenanceTables.EnsureAnyExistsAsync(Lake!, tables, context.OpenStore, cancellationToken);
        return dryRun
            ? await work(cancellationToken)
            : await new MaintenanceLedger(context.OpenStore(Lake!), context.Clock)
                .RecordAsync(operation, r => r.Select(describe).ToList(), work, cancellationToken);
    }

    [GeneratedRegex("^[^=/]+=[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionPattern();
}
