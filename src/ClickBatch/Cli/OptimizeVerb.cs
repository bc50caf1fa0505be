using ClickBatch.Errors;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Ledger;
using CommandLine;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch optimize</c>: compacts small files per partition (docs/maintenance.md).</summary>
[Verb("optimize", HelpText = "Compact each partition's small data files into target-size files, one Delta commit per table "
    + "(remove + add with dataChange=false, Kafka offsets untouched); manifests and Glue follow. See docs/maintenance.md.")]
public sealed class OptimizeVerb : PartitionMaintenanceVerb, IVerb
{
    [Option("table", HelpText = "Comma-separated tables under the lake (default clicks, clicks_rejects, checkouts, checkouts_rejects).")]
    public string? Table { get; set; }

    [Option("target-file-size-mib", HelpText = "Files smaller than this (MiB) are compacted into files of about this size (default 128, as run's).")]
    public int? TargetFileSizeMib { get; set; }

    /// <summary>The earlier name of --target-file-size-mib, still accepted.</summary>
    [Option("target-size-mib", Hidden = true)]
    public int? TargetSizeMib { get; set; }

    private int TargetMib => TargetFileSizeMib ?? TargetSizeMib ?? 128;

    [Option("dry-run", HelpText = "Print what would be compacted; write nothing.")]
    public bool DryRun { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var config = LoadConfig(context);
        Table ??= config.TablesWithRejects is { } tables ? string.Join(",", tables) : null;
        TargetFileSizeMib ??= TargetSizeMib is null ? config.TargetFileSizeMiB : null;
        var options = Validate();
        using var loggers = context.CreateLoggerFactory();
        var job = new OptimizeJob(context.OpenStore, GlueFor(context, loggers), context.Clock, loggers);
        var results = await ExecuteAsync(context, "optimize", options.Tables, DryRun, ToReport, ct => job.ExecuteAsync(options, ct), cancellationToken);
        await context.Out.WriteLineAsync(MaintenanceSummary.Optimize(results, DryRun));
        return ExitCodes.Success;
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
        var problems = SharedProblems(Table);
        if (TargetMib is < 1 or > 4096)
        {
            problems.Add("--target-file-size-mib must be between 1 and 4096, got " + TargetMib + ".");
        }

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
}
