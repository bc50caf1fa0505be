using System.Globalization;
using System.Text;
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

/// <summary><c>clickbatch promote</c>: moves values from _unknown_fields into columns the table gained (docs/schema-evolution.md).</summary>
[Verb("promote", HelpText = "After a table gained columns, move the values its older rows keep in _unknown_fields into them, "
    + "from the lake's files alone (works after Kafka retention): one Delta commit per table, Kafka offsets untouched, "
    + "a second pass changes nothing; manifests and Glue follow. See docs/schema-evolution.md.")]
public sealed partial class PromoteVerb : IVerb
{
    [Option("config", HelpText = "The run's JSON config file: Lake, Catalog.GlueDatabase and the topics' tables are taken from it (and from CLICKBATCH_* variables) unless given as flags.")]
    public string? Config { get; set; }

    [Option("lake", HelpText = "Lake root: a local folder or s3://bucket/prefix. Tables are <lake>/<table>.")]
    public string? Lake { get; set; }

    [Option("table", HelpText = "Comma-separated tables under the lake (default clicks, checkouts; rejects tables have no _unknown_fields).")]
    public string? Table { get; set; }

    [Option("partition", HelpText = "Only this partition, as its folder name, e.g. dt=2026-11-22 (default all).")]
    public string? Partition { get; set; }

    [Option("dry-run", HelpText = "Print what would move; write nothing.")]
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
        var job = new PromoteJob(context.OpenStore, glue, context.Clock, loggers);
        await MaintenanceTables.EnsureAnyExistsAsync(Lake!, options.Tables, context.OpenStore, cancellationToken);
        var results = DryRun
            ? await job.ExecuteAsync(options, cancellationToken)
            : await new MaintenanceLedger(context.OpenStore(Lake!), context.Clock)
                .RecordAsync("promote", r => r.Select(ToReport).ToList(), ct => job.ExecuteAsync(options, ct), cancellationToken);
        await context.Out.WriteLineAsync(Summary(results, DryRun));
        return ExitCodes.Success;
    }

    internal static string Summary(IReadOnlyList<PromoteResult> results, bool dryRun)
    {
        var text = new StringBuilder();
        foreach (var r in results)
        {
            text.AppendLine(r.DeltaVersion is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"{r.Table}: committed Delta version {v}, {r.FilesRewritten} file(s) rewritten")
                : r.Table + ": " + (dryRun && r.FilesRewritten > 0 ? string.Create(CultureInfo.InvariantCulture, $"would rewrite {r.FilesRewritten} file(s)") : r.Note ?? "nothing committed"));
            foreach (var (column, count) in r.Moved.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {column}: {count} value(s) {(dryRun ? "would move" : "moved")} from _unknown_fields"));
            }

            if (r.Refused > 0)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {r.Refused} value(s) stay in _unknown_fields: their column's type cannot take them (a run would reject such a record; see them with SQL on _unknown_fields)"));
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Flags win; what they leave out comes from --config and CLICKBATCH_* (MaintenanceConfig).</summary>
    private void ApplyConfig(MaintenanceConfig config)
    {
        Lake ??= config.Lake;
        GlueDatabase ??= config.GlueDatabase;
        Table ??= config.TopicTables is { } tables ? string.Join(",", tables) : null;
    }

    private TopicReport ToReport(PromoteResult r) => new()
    {
        Topic = r.Table,
        Table = Lake!.TrimEnd('/') + "/" + r.Table,
        RejectsTable = string.Empty,
        DeltaVersions = r.DeltaVersion is { } v ? [v] : [],
        Files = r.FilesRewritten,
        FilesRewritten = r.FilesRewritten,
    };

    private PromoteOptions Validate()
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

        problems.AddRange(new[] { MaintenanceTables.Problem(Table) }.OfType<string>());
        return problems.Count > 0 ? throw new ConfigurationException(problems) : new PromoteOptions
        {
            LakeUri = Lake!,
            Tables = string.IsNullOrWhiteSpace(Table) ? ["clicks", "checkouts"] : MaintenanceTables.Resolve(Table),
            Partition = Partition,
            DryRun = DryRun,
            GlueDatabase = GlueDatabase,
        };
    }

    [GeneratedRegex("^[^=/]+=[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionPattern();
}
