using System.Globalization;
using System.Text.Json;
using ClickBatch.Configuration;
using ClickBatch.Decoding;
using ClickBatch.Errors;
using ClickBatch.Jobs.Schema;
using ClickBatch.Kafka;
using CommandLine;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch schema infer --topic X</c>: a schema the configuration accepts, inferred from the topic's newest records.</summary>
[Verb("schema", HelpText = "Infer a topic's schema from a sample of its newest records: 'schema infer --topic X [--sample 1000]'. "
    + "Prints a Topics[] entry for the config file; see docs/schema-evolution.md.")]
public sealed class SchemaVerb : IVerb
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Value(0, MetaName = "action", Required = true, HelpText = "What to do; only 'infer' exists.")]
    public string Action { get; set; } = string.Empty;

    [Option("topic", HelpText = "The Kafka topic to sample.")]
    public string? Topic { get; set; }

    [Option("sample", HelpText = "How many of the newest records to read, spread over the partitions (default 1000, at most 1000000).")]
    public int Sample { get; set; } = 1000;

    [Option("config", HelpText = "JSON config file, as for 'run', for the Kafka connection; CLICKBATCH_* variables and flags override it.")]
    public string? Config { get; set; }

    [Option("bootstrap-servers", HelpText = "Kafka HOST:PORT[,HOST:PORT...] (Kafka.BootstrapServers).")]
    public string? BootstrapServers { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (kafka, source) = Settings(context);
        using var loggers = context.CreateLoggerFactory();
        await using var consumer = ConfluentKafkaSource.Create(kafka, source, context.Clock, loggers.CreateLogger<ConfluentKafkaSource>());
        var inferred = await new SchemaInferJob(consumer).InferAsync(Topic!, Sample, cancellationToken);
        if (inferred.Fields.Count == 0)
        {
            throw new ClickBatchException("No property of the " + inferred.Samples + " sampled records of '" + Topic + "' fits a column: "
                + string.Join("; ", inferred.LeftOut) + ".").With("Topic", Topic!);
        }

        SchemaParser.Parse(Topic!, inferred.Definition, inferred.EventTimeField);
        var entry = inferred.EventTimeField is { } eventTime
            ? (object)new { Name = Topic, Schema = inferred.Definition, EventTimeField = eventTime }
            : new { Name = Topic, Schema = inferred.Definition, Partitioning = "kafka-dt" };
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(entry, Indented));
        await context.Error.WriteLineAsync(Notes(inferred));
        return ExitCodes.Success;
    }

    private static string Notes(InferredSchema inferred)
    {
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"inferred from {inferred.Samples} record(s); every field nullable, integers as long and fractions as double (a type cannot be widened later)."),
            inferred.EventTimeField is null
                ? "no timestamp field: partitioned by the Kafka timestamp's date (kafka-dt)."
                : "event time: " + inferred.EventTimeField + " (the UTC date of it is the dt partition).",
        };
        if (inferred.NotObjects > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{inferred.NotObjects} sampled record(s) are not one JSON object: they would land in the rejects table."));
        }

        notes.AddRange(inferred.LeftOut.Select(l => "left out (kept in _unknown_fields): " + l));
        return string.Join(Environment.NewLine, notes.Select(n => "note: " + n));
    }

    private (KafkaSettings Kafka, KafkaSourceOptions Source) Settings(CliContext context)
    {
        var problems = new List<string>();
        if (!string.Equals(Action, "infer", StringComparison.Ordinal))
        {
            problems.Add("schema action must be 'infer', got '" + Action + "'.");
        }

        if (string.IsNullOrWhiteSpace(Topic))
        {
            problems.Add("--topic is required: the Kafka topic to sample.");
        }

        if (Sample is < 1 or > 1_000_000)
        {
            problems.Add("--sample must be between 1 and 1000000, got " + Sample + ".");
        }

        var options = OptionsLoader.Load(Config, context.Environment,
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["Kafka:BootstrapServers"] = BootstrapServers });
        var kafka = options.Kafka.ToSettings();
        var source = options.Kafka.ToSourceOptions(options.JobId);
        problems.AddRange(kafka.Validate());
        problems.AddRange(source.Validate());
        return problems.Count > 0 ? throw new ConfigurationException(problems) : (kafka, source);
    }
}
