using System.Globalization;
using ClickBatch.Errors;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using CommandLine;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch vacuum</c>: deletes unreferenced data files older than the retention (docs/maintenance.md).</summary>
[Verb("vacuum", HelpText = "Delete data files no active file or live manifest references that are older than --retain, "
    + "and expired Delta log files. See docs/maintenance.md.")]
public sealed class VacuumVerb : IVerb
{
    [Option("config", HelpText = "The run's JSON config file: Lake, Catalog.GlueDatabase and the topics' tables are taken from it (and from CLICKBATCH_* variables) unless given as flags.")]
    public string? Config { get; set; }

    [Option("lake", HelpText = "Lake root: a local folder or s3://bucket/prefix. Tables are <lake>/<table>.")]
    public string? Lake { get; set; }

    [Option("table", HelpText = "Comma-separated tables under the lake (default clicks, clicks_rejects, checkouts, checkouts_rejects).")]
    public string? Table { get; set; }

    [Option("retain", Default = "7d", HelpText = "Keep unreferenced files younger than this: <n>d, <n>h or <n>m. Below 24h needs --force. "
        + "Files the log removed are kept at least the table's delta.deletedFileRetentionDuration (default 7d) unless --force.")]
    public string Retain { get; set; } = "7d";

    [Option("dry-run", HelpText = "Print what would be deleted; delete nothing.")]
    public bool DryRun { get; set; }

    [Option("force", HelpText = "Allow a retention below 24h (may delete files a running job uploaded but has not committed yet), and delete "
        + "removed files younger than the table's delta.deletedFileRetentionDuration (default 7d; breaks time travel within it).")]
    public bool Force { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ApplyConfig(MaintenanceConfig.Load(context, Config));
        var options = Validate();
        using var loggers = context.CreateLoggerFactory();
        var job = new VacuumJob(context.OpenStore, context.Clock, loggers);
        await MaintenanceTables.EnsureAnyExistsAsync(Lake!, options.Tables, context.OpenStore, cancellationToken);
        var results = DryRun
            ? await job.ExecuteAsync(options, cancellationToken)
            : await new MaintenanceLedger(context.OpenStore(Lake!), context.Clock)
                .RecordAsync("vacuum", r => r.Select(ToReport).ToList(), ct => job.ExecuteAsync(options, ct), cancellationToken);
        await context.Out.WriteLineAsync(MaintenanceSummary.Vacuum(results, DryRun));
        return ExitCodes.Success;
    }

    /// <summary>Parses <c>7d</c>, <c>36h</c>, <c>90m</c>; null when malformed.</summary>
    public static TimeSpan? ParseRetention(string text)
    {
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        TimeSpan? retention = text[^1] switch
        {
            'd' => TimeSpan.FromDays(Math.Min(n, MaxRetentionDays + 1)),
            'h' => TimeSpan.FromHours(Math.Min(n, (MaxRetentionDays * 24) + 1)),
            'm' => TimeSpan.FromMinutes(Math.Min(n, (MaxRetentionDays * 24 * 60) + 1)),
            _ => null,
        };
        return retention <= TimeSpan.FromDays(MaxRetentionDays) ? retention : null;
    }

    /// <summary>A century: far beyond any useful retention, and "now minus it" stays a valid date.</summary>
    private const int MaxRetentionDays = 36_500;

    /// <summary>Flags win; what they leave out comes from --config and CLICKBATCH_* (MaintenanceConfig).</summary>
    private void ApplyConfig(MaintenanceConfig config)
    {
        Lake ??= config.Lake;
        Table ??= config.TablesWithRejects is { } tables ? string.Join(",", tables) : null;
    }

    private TopicReport ToReport(VacuumResult r) => new()
    {
        Topic = r.Table,
        Table = Lake!.TrimEnd('/') + "/" + r.Table,
        RejectsTable = string.Empty,
        Files = r.Deleted.Count,
        Bytes = r.Bytes,
    };

    private VacuumOptions Validate()
    {
        var problems = new List<string>();
        if (StoreLocation.LakeProblem(Lake) is { } lake)
        {
            problems.Add(lake);
        }

        var retention = ParseRetention(Retain);
        if (retention is null)
        {
            problems.Add("--retain must be a duration like 7d, 36h or 90m, at most " + MaxRetentionDays + "d, got '" + Retain + "'.");
        }
        else if (retention < VacuumOptions.SafeMinimumRetention && !Force)
        {
            problems.Add("--retain " + Retain + " is below the safe minimum of 24h: a running job's uploaded but not yet committed "
                + "files and readers of the previous version could lose their files. Use --retain 24h or more, or add --force.");
        }

        problems.AddRange(new[] { MaintenanceTables.Problem(Table) }.OfType<string>());
        return problems.Count > 0 ? throw new ConfigurationException(problems)
            : new VacuumOptions { LakeUri = Lake!, Tables = MaintenanceTables.Resolve(Table), Retention = retention!.Value, Force = Force, DryRun = DryRun };
    }
}
