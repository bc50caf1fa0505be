using System.Globalization;
using System.Text;
using ClickBatch.Errors;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Ledger;
using CommandLine;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch promote</c>: moves values from _unknown_fields into columns the table gained (docs/schema-evolution.md).</summary>
[Verb("promote", HelpText = "After a table gained columns, move the values its older rows keep in _unknown_fields into them, "
    + "from the lake's files alone (works after Kafka retention): one Delta commit per table, Kafka offsets untouched, "
    + "a second pass changes nothing; manifests and Glue follow. See docs/schema-evolution.md.")]
public sealed class PromoteVerb : PartitionMaintenanceVerb, IVerb
{
    [Option("table", HelpText = "Comma-separated tables under the lake (default clicks, checkouts; rejects tables have no _unknown_fields).")]
    public string? Table { get; set; }

    [Option("dry-run", HelpText = "Print what would move; write nothing.")]
    public bool DryRun { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var config = LoadConfig(context);
        Table ??= config.TopicTables(withRejects: false) is { } tables ? string.Join(",", tables) : null;
        var options = Validate();
        using var loggers = context.CreateLoggerFactory();
        var job = new PromoteJob(context.OpenStore, GlueFor(context, loggers), context.Clock, loggers);
        var results = await ExecuteAsync(context, "promote", options.Tables, DryRun, ToReport, ct => job.ExecuteAsync(options, ct), cancellationToken);
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
        var problems = SharedProblems(Table);
        return problems.Count > 0 ? throw new ConfigurationException(problems) : new PromoteOptions
        {
            LakeUri = Lake!,
            Tables = string.IsNullOrWhiteSpace(Table) ? ["clicks", "checkouts"] : MaintenanceTables.Resolve(Table),
            Partition = Partition,
            DryRun = DryRun,
            GlueDatabase = GlueDatabase,
        };
    }
}
