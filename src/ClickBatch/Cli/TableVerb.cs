using ClickBatch.Delta.Inspection;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;
using CommandLine;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch table describe &lt;table-uri&gt;</c>: the protocol, schema, files, rows and app transactions of a table.</summary>
[Verb("table", HelpText = "Inspect a Delta table: 'table describe <table-uri> [--version N] [--json] [--exact-rows] [--check]'.")]
public sealed class TableVerb : IVerb
{
    [Value(0, MetaName = "action", Required = true, HelpText = "What to do with the table; only 'describe' exists.")]
    public string Action { get; set; } = string.Empty;

    [Value(1, MetaName = "table-uri", Required = true, HelpText = "Table root: a local path, a file:// URI or s3://bucket/prefix/table (AWS settings from the environment, docs/aws.md).")]
    public string TableUri { get; set; } = string.Empty;

    /// <summary>Table version to describe; default the latest.</summary>
    [Option("version", HelpText = "Describe this table version instead of the latest (time travel).")]
    public long? Version { get; set; }

    [Option("json", HelpText = "Print one JSON object instead of a readable summary.")]
    public bool Json { get; set; }

    /// <summary>Off by default: reading footers costs one ranged read per file without stats.</summary>
    [Option("exact-rows", HelpText = "Also count rows of files without stats from their Parquet footers (prints rowsExact).")]
    public bool ExactRows { get; set; }

    /// <summary>Off by default: one LIST per folder holding active files.</summary>
    [Option("check", HelpText = "Also list the store for active data files that are missing or have another size than the log says; exit 1 when any are found.")]
    public bool Check { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        Validate();
        using var loggers = context.CreateLoggerFactory();
        var log = new DeltaLog(context.OpenStore(TableUri), loggers.CreateLogger("ClickBatch.Delta"));
        var description = await TableDescriber.DescribeAsync(log, Version, ExactRows, Check, cancellationToken);
        await context.Out.WriteLineAsync(Json ? description.ToJson() : TableSummary.Format(log.Table, description));
        return description.Check is { Passed: false } ? ExitCodes.Failure : ExitCodes.Success;
    }

    private void Validate()
    {
        var problems = new List<string>();
        if (!string.Equals(Action, "describe", StringComparison.Ordinal))
        {
            problems.Add("table action must be 'describe', got '" + Action + "'");
        }

        if (string.IsNullOrWhiteSpace(TableUri))
        {
            problems.Add("<table-uri> is required");
        }

        if (Version is < 0)
        {
            problems.Add("--version must be 0 or greater, got " + Version);
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }
    }
}
