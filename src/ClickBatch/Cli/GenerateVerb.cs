using System.Globalization;
using ClickBatch.Errors;
using ClickBatch.Generation;
using CommandLine;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch generate</c>: realistic, deterministic clicks and checkouts (and bad records) into Kafka or a file.</summary>
[Verb("generate", HelpText = "Produce realistic clicks and checkouts JSON events to Kafka (key user_id, timestamp = event time), "
    + "deterministic with --seed, with duplicates and bad records of named kinds. Local mock Kafka keeps only ~5 MiB per partition.")]
public sealed class GenerateVerb : IVerb
{
    [Option("bootstrap-servers", HelpText = "Kafka HOST:PORT[,HOST:PORT...]; required unless --output or --dry-run is given.")]
    public string? BootstrapServers { get; set; }

    [Option("clicks", Required = true, HelpText = "Number of click events (exact; duplicates and malformed records come on top).")]
    public int Clicks { get; set; }

    [Option("checkouts-per-click", Default = 0.3, HelpText = "Checkouts per click, 0..1: checkouts = round(clicks * ratio).")]
    public double CheckoutsPerClick { get; set; }

    [Option("seed", Default = 42UL, HelpText = "Random seed: the same seed and options produce the same bytes in the same order.")]
    public ulong Seed { get; set; }

    [Option("malformed-ratio", Default = 0.01, HelpText = "Bad records per event, 0..1, spread evenly over the kinds "
        + "truncated-json, wrong-types, missing-required-field, non-utf8-bytes, unknown-extra-fields (valid), null-required-field, empty-payload, tombstone.")]
    public double MalformedRatio { get; set; }

    [Option("duplicate-ratio", Default = 0.001, HelpText = "Exact re-sends per event, 0..1.")]
    public double DuplicateRatio { get; set; }

    [Option("from", HelpText = "First UTC day of event times, yyyy-MM-dd (default: yesterday, or --to).")]
    public string? From { get; set; }

    [Option("to", HelpText = "Last UTC day of event times, yyyy-MM-dd, inclusive (default: --from).")]
    public string? To { get; set; }

    [Option("topics", Default = "clicks,checkouts", HelpText = "Names of the clicks and checkouts topics, comma-separated.")]
    public string Topics { get; set; } = "clicks,checkouts";

    [Option("output", HelpText = "Write records to this file (one JSON line each, value in base64) instead of Kafka.")]
    public string? Output { get; set; }

    [Option("dry-run", HelpText = "Plan and encode every record, print the counts, write nothing (for benchmarks).")]
    public bool DryRun { get; set; }

    [Option("json", HelpText = "Print counts per topic and per kind as one JSON object on stdout once every record is acknowledged.")]
    public bool Json { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Validate(context.Clock);
        using var loggerFactory = context.CreateLoggerFactory();
        var logger = loggerFactory.CreateLogger<GenerateVerb>();
        var plan = GenerationPlan.Create(options);
        GenerationLog.Planned(logger, plan.Records.Count, options.Clicks,
            GenerationPlan.RoundCount(options.Clicks * options.CheckoutsPerClick),
            options.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), options.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), options.Seed);
        var started = context.Clock.GetTimestamp();
        var summary = DryRun ? await GenerationRunner.DryRunAsync(plan, cancellationToken).ConfigureAwait(false)
            : Output is null ? await GenerationRunner.ProduceAsync(plan, BootstrapServers!, logger, cancellationToken, context.Clock).ConfigureAwait(false)
            : await GenerationRunner.WriteFileAsync(plan, Output, logger, cancellationToken).ConfigureAwait(false);
        var seconds = context.Clock.GetElapsedTime(started).TotalSeconds;
        GenerationLog.Finished(logger, summary.Records, seconds, summary.Records / Math.Max(seconds, 0.001));
        await WriteResultAsync(context.Out, summary).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>Checks every option and returns the frozen generator options, or throws listing all problems.</summary>
    public GeneratorOptions Validate(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var problems = new List<string>();
        var (from, to) = ParseDates(clock, problems);
        var topics = Topics.Split(',', StringSplitOptions.TrimEntries);
        if (topics.Length != 2)
        {
            problems.Add($"--topics must name exactly two topics (clicks,checkouts), found '{Topics}'.");
        }

        ValidateTarget(problems);
        var options = new GeneratorOptions
        {
            Clicks = Clicks,
            CheckoutsPerClick = CheckoutsPerClick,
            Seed = Seed,
            MalformedRatio = MalformedRatio,
            DuplicateRatio = DuplicateRatio,
            From = from,
            To = to,
            ClicksTopic = topics[0],
            CheckoutsTopic = topics.Length == 2 ? topics[1] : "checkouts",
        };
        problems.AddRange(options.Validate().Where(p => topics.Length == 2 || !p.StartsWith("--topics", StringComparison.Ordinal)));
        return problems.Count == 0 ? options : throw new ConfigurationException(problems);
    }

    private (DateOnly From, DateOnly To) ParseDates(TimeProvider clock, List<string> problems)
    {
        var yesterday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var from = ParseDate("--from", From, problems);
        var to = ParseDate("--to", To, problems);
        return (from ?? to ?? yesterday, to ?? from ?? yesterday);
    }

    private static DateOnly? ParseDate(string option, string? value, List<string> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"{option} must be a date as yyyy-MM-dd, found '{value}'.");
        return null;
    }

    private void ValidateTarget(List<string> problems)
    {
        var targets = (DryRun ? 1 : 0) + (Output is null ? 0 : 1) + (BootstrapServers is null ? 0 : 1);
        if (targets > 1)
        {
            problems.Add("Give one of --bootstrap-servers (produce to Kafka), --output (write a file) or --dry-run.");
            return;
        }

        if (!DryRun && Output is null)
        {
            ValidateBootstrapServers(problems);
        }
    }

    private void ValidateBootstrapServers(List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            problems.Add("--bootstrap-servers is required (HOST:PORT; clickbatch local-kafka prints one), or give --output FILE or --dry-run.");
            return;
        }

        foreach (var server in BootstrapServers.Split(',', StringSplitOptions.TrimEntries))
        {
            var colon = server.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port is < 1 or > 65535)
            {
                problems.Add($"--bootstrap-servers entries must be HOST:PORT, found '{server}'.");
            }
        }
    }

    private async Task WriteResultAsync(TextWriter output, GenerationSummary summary)
    {
        await output.WriteLineAsync(Json ? summary.ToJsonString() : summary.ToString()).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
