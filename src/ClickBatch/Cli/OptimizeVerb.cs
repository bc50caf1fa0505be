using System.Text.RegularExpressions;
using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Errors;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using CommandLine;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch optimize</c>: compacts small files per partition (docs/maintenance.md).</summary>
[Verb("optimize", HelpText = "Compact each partition's small data files into target-size files, one Delta commit per table "
    + "(remove + add with dataChange=false, Kafka offsets untouched); manifests and Glue follow. See docs/maintenance.md.")]
public sealed partial class OptimizeVerb : IVerb
{
    [Option("config", HelpText = "The run's JSON config file: Lake, Catalog.GlueDatabase and the topics' tables are taken from it (and from CLICKBATCH_* variables) unless given as flags.")]
    public string? Config { get; set; }

    [Option("lake", HelpText = "Lake root: a local folder or s3://bucket/prefix. Tables are <lake>/<table>.")]
    public string? Lake { get; set; }

    [Option("table", HelpText = "Comma-separated tables under the lake (default clicks, clicks_rejects, checkouts, checkouts_rejects).")]
    public string? Table { get; set; }

    [Option("partition", HelpText = "Only this partition, as its folder name, e.g. dt=2026-11-22 (default all).")]
    public string? Partition { get; set; }

    [Option("target-file-size-mib", HelpText = "Files smaller than this (MiB) are compacted into files of about this size (default 128, as run's).")]
    public int? TargetFileSizeMib { get; set; }

    /// <summary>The earlier name of --target-file-size-mib, still accepted.</summary>
    [Option("target-size-mib", Hidden = true)]
    public int? TargetSizeMib { get; set; }

    private int TargetMib => TargetFileSizeMib ?? TargetSizeMib ?? 128;

    [Option("dry-run", HelpText = "Print what would be compacted; write nothing.")]
    public bool DryRun { get; set; }

    [Option("glue-database", HelpText = "Glue database the tables are registered in; Glue follows the new snapshot.")]
    public string? GlueDatabase { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ApplyConfig(MaintenanceConfig.Load(context, Config));
        var options = Validate();
        using var loggers = context.CreateLoggerFactory();
        var glue = GlueDatabase is null ? null
            : new GlueClient(AwsJsonClient.Create(context.Environment, AwsService.Glue, context.Clock, loggers.CreateLogger<AwsJsonClient>()));
        var job = new OptimizeJob(context.OpenStore, glue, context.Clock, loggers);
        await MaintenanceTables.EnsureAnyExistsAsync(Lake!, options.Tables, context.OpenStore, cancellationToken);
        var results = DryRun
            ? await job.ExecuteAsync(options, cancellationToken)
            : await new MaintenanceLedger(context.OpenStore(Lake!), context.Clock)
                .RecordAsync("optimize", r => r.Select(ToReport).ToList(), ct => job.ExecuteAsync(options, ct), cancellationToken);
        await context.Out.WriteLineAsync(MaintenanceSummary.Optimize(results, DryRun));
        return ExitCodes.Success;
    }

    /// <summary>Flags win; what they leave out comes from --config and CLICKBATCH_* (MaintenanceConfig).</summary>
    private void ApplyConfig(MaintenanceConfig config)
    {
        Lake ??= config.Lake;
        GlueDatabase ??= config.GlueDatabase;
        Table ??= config.TablesWithRejects is { } tables ? string.Join(",", tables) : null;
        TargetFileSizeMib ??= TargetSizeMib is null ? config.TargetFileSizeMiB : null;
    }

    private TopicReport ToReport(OptimizeResult r) => new()
    {
        Topic = r.Table,
        Table = Lake!.TrimEnd('/') + "/" + r.Table,
        RejectsTable = string.Empty,
        DeltaVersions = r.DeltaVersion is { } v ? [v] : [],
        Files = r.Partitions.Sum(p => p.FilesAdded),
        Bytes = r.Partitions.Sum(p => p.BytesAdded),
    };

    private OptimizeOptions Validate()
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

        if (TargetMib is < 1 or > 4096)
        {
            problems.Add("--target-file-size-mib must be between 1 and 4096, got " + TargetMib + ".");
        }

        if (GlueDatabase is not null && GlueNames.Table(GlueDatabase) != GlueDatabase)
        {
            problems.Add("--glue-database must be a Glue name (lower case letters, digits, underscores), got '" + GlueDatabase + "'.");
        }

        problems.AddRange(new[] { MaintenanceTables.Problem(Table) }.OfType<string>());
        return problems.Count > 0 ? throw new ConfigurationException(problems) : new OptimizeOptions
        {
            LakeUri = Lake!,
            Tables = MaintenanceTables.Resolve(Table),
            Partition = Partition,
            TargetFileBytes = TargetMib * 1024L * 1024,
            DryRun = DryRun,
            GlueDatabase = GlueDatabase,
        };
    }

    [GeneratedRegex("^[^=/]+=[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionPattern();
}
