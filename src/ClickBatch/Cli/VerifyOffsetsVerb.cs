using System.Globalization;
using System.Text;
using System.Text.Json;
using ClickBatch.Configuration;
using ClickBatch.Errors;
using ClickBatch.Jobs.Verify;
using CommandLine;

namespace ClickBatch.Cli;

/// <summary>
/// <c>clickbatch verify-offsets</c> (hidden; used by scripts/kill-test.sh): checks that table + rejects hold every
/// (partition, offset) Kafka holds exactly once. Exit 0 when exact, 1 otherwise.
/// </summary>
[Verb("verify-offsets", Hidden = true, HelpText = "Check that table + rejects hold exactly the (partition, offset) set Kafka holds, "
    + "no duplicates (local lakes; reads Delta active files with DuckDB). Exit 0 exact, 1 not.")]
public sealed class VerifyOffsetsVerb : IVerb
{
    [Option("config", HelpText = "JSON config file, as for 'run'.")]
    public string? Config { get; set; }

    [Option("bootstrap-servers", HelpText = "Kafka HOST:PORT[,HOST:PORT...].")]
    public string? BootstrapServers { get; set; }

    [Option("lake", HelpText = "Lake root (a local folder).")]
    public string? Lake { get; set; }

    [Option("topics", HelpText = "Comma-separated topics (default: every configured topic, or clicks,checkouts).")]
    public string? Topics { get; set; }

    [Option("json", HelpText = "Print one JSON object instead of lines.")]
    public bool Json { get; set; }

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = RunSettingsFactory.Create(new RunVerb { Config = Config, BootstrapServers = BootstrapServers, Lake = Lake, Topics = Topics }.LoadOptions(context));
        var verifier = new OffsetVerifier(settings.Kafka.BootstrapServers, TimeSpan.FromSeconds(30));
        var verdicts = new List<TopicVerdict>();
        foreach (var topic in settings.Topics)
        {
            verdicts.Add(await verifier.VerifyAsync(topic, cancellationToken));
        }

        var exact = verdicts.All(v => v.IsExact);
        await context.Out.WriteLineAsync(Json
            ? JsonSerializer.Serialize(new { exact, topics = verdicts }, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            : Lines(verdicts, exact));
        return exact ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Lines(List<TopicVerdict> verdicts, bool exact)
    {
        var text = new StringBuilder();
        foreach (var v in verdicts)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{v.Topic}: kafka {v.KafkaRecords} records in {v.Partitions.Count} partitions; lake {v.LakeRecords} rows in {v.ActiveFiles} active files; duplicates {v.Duplicates}, missing {v.Missing}, not in kafka {v.OutsideKafka}");
        }

        text.Append(exact ? "VERDICT: EXACT (every offset Kafka holds is in table + rejects exactly once)" : "VERDICT: MISMATCH");
        return text.ToString();
    }
}
