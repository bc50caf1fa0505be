using System.Globalization;
using ClickBatch.Configuration;
using ClickBatch.Errors;
using ClickBatch.Jobs.Backfill;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Kafka;
using ClickBatch.Storage;
using CommandLine;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch backfill</c>: re-reads an offset range of one topic and replaces its rows (docs/maintenance.md "Backfill").</summary>
[Verb("backfill", HelpText = "Re-read offsets [--from, --to) of one topic and replace exactly the rows of that range in its table and "
    + "rejects table (one Delta commit each; stored offsets untouched). Takes the run's config options. See docs/maintenance.md.")]
public sealed class BackfillVerb : ConfiguredVerb, IVerb
{
    [Option("topic", Required = true, HelpText = "The topic to backfill (its configured schema and tables, as `run` lands it).")]
    public string Topic { get; set; } = string.Empty;

    [Option("partitions", HelpText = "Comma-separated Kafka partitions, e.g. 0,3 (default: every partition of the topic).")]
    public string? Partitions { get; set; }

    [Option("from", Required = true, HelpText = "First offset (inclusive), or an ISO-8601 timestamp with offset or Z resolved per partition (Kafka offsets-for-times).")]
    public string From { get; set; } = string.Empty;

    [Option("to", Required = true, HelpText = "End offset (EXCLUSIVE, like Kafka end offsets), or a timestamp: records before it. At most the offset both tables hold.")]
    public string To { get; set; } = string.Empty;

    [Option("dry-run", HelpText = "Print what would be read, removed and rewritten; read no record, write nothing.")]
    public bool DryRun { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Validate(context);
        using var loggers = (context with { MinimumLogLevel = Verbose ? LogLevel.Debug : context.MinimumLogLevel }).CreateLoggerFactory();
        var settings = options.Settings;
        await using var source = ConfluentKafkaSource.Create(settings.Kafka, settings.Source, context.Clock, loggers.CreateLogger<ConfluentKafkaSource>());
        Func<string, IObjectStore> stores = context.OpenStore;
        var job = new BackfillJob(source, stores, CatalogFor(settings, context, loggers), context.Clock, loggers);
        var plan = await job.PlanAsync(options, cancellationToken);
        BackfillResult result;
        if (DryRun)
        {
            result = BackfillJob.DryRun(plan);
        }
        else
        {
            var ledger = new MaintenanceLedger(stores(settings.LakeUri), context.Clock);
            result = await ledger.RecordAsync("backfill", r => [BackfillSummary.ToReport(r, options.Topic)], ct => job.ExecuteAsync(plan, ledger.RunId, ct), cancellationToken);
        }

        await context.Out.WriteLineAsync(BackfillSummary.Format(result));
        return ExitCodes.Success;
    }

    /// <summary>Every problem of the flags and the run's configuration at once (exit 2), before anything is read.</summary>
    private BackfillOptions Validate(CliContext context)
    {
        var problems = new List<string>();
        var from = Bound(From, "--from", problems);
        var to = Bound(To, "--to", problems);
        var partitions = ParsePartitions(problems);
        var settings = Settings(context, problems);
        if (string.IsNullOrWhiteSpace(Topic) || Topic.Contains(',', StringComparison.Ordinal))
        {
            problems.Add("--topic must name one topic, got '" + Topic + "'.");
        }

        return problems.Count > 0 ? throw new ConfigurationException(problems) : new BackfillOptions
        {
            Settings = settings!,
            Topic = settings!.Topics.Single(),
            Partitions = partitions,
            From = from!,
            To = to!,
            DryRun = DryRun,
        };
    }

    private static OffsetBound? Bound(string text, string flag, List<string> problems)
    {
        var bound = OffsetBound.TryParse(text);
        if (bound is null)
        {
            problems.Add(flag + " must be an offset (e.g. 1200) or an ISO-8601 timestamp with offset or Z (e.g. 2026-11-22T00:00:00Z), got '" + text + "'.");
        }

        return bound;
    }

    private List<int>? ParsePartitions(List<string> problems)
    {
        if (Partitions is null)
        {
            return null;
        }

        var parts = Partitions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var parsed = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
        if (parts.Length == 0 || parsed.Contains(-1) || parsed.Distinct().Count() != parsed.Count)
        {
            problems.Add("--partitions must list distinct partition numbers like 0,3, got '" + Partitions + "'.");
        }

        return parsed;
    }

    private RunSettings? Settings(CliContext context, List<string> problems)
    {
        try
        {
            var options = Load(context, []);
            options.Topics = [options.Topics.FirstOrDefault(t => t.Name == Topic) ?? new TopicOptions { Name = Topic }];
            return RunSettingsFactory.Create(options);
        }
        catch (ConfigurationException ex)
        {
            problems.AddRange(ex.Problems);
            return null;
        }
    }
}
