using ClickBatch.Errors;
using ClickBatch.Kafka.Local;
using CommandLine;
using CommandLine.Text;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Cli;

[Verb("local-kafka", HelpText = "Serve an embedded Kafka-protocol cluster on 127.0.0.1 (librdkafka's mock cluster) "
    + "until SIGINT or SIGTERM. Prints one line 'bootstrap.servers=HOST:PORT[,...]' on stdout when it serves. "
    + "For the demo and tests, not production: each partition keeps only about 5 MiB (older batches are dropped "
    + "silently and the earliest offset moves), records live in memory and vanish on stop, there is no topic admin "
    + "API (topics come from --topics), OffsetsForTimes always answers the logical end offset (-1), and read_committed also "
    + "returns aborted records.")]
public sealed class LocalKafkaVerb : IVerb
{
    [Option("brokers", Default = 1, HelpText = "Number of brokers (1 to 16), each on its own port.")]
    public int Brokers { get; set; } = 1;

    [Option("topics", Default = "clicks:6,checkouts:6",
        HelpText = "Topics to create, as name:partitions, comma-separated (at most 1000 partitions each). "
            + "Limits of this mock Kafka (librdkafka's test cluster; for the demo and tests, not production): each "
            + "partition keeps only about 5 MiB or 100,000 batches, older batches are dropped silently and the earliest "
            + "offset moves; records live in memory and vanish on stop; there is no topic admin API (topics come only "
            + "from this option); OffsetsForTimes always answers the logical end offset (-1); read_committed is not honoured "
            + "(aborted and open transactions are returned).")]
    public string Topics { get; set; } = "clicks:6,checkouts:6";

    [Usage(ApplicationAlias = "clickbatch")]
    public static IEnumerable<Example> Examples =>
    [
        new("Serve clicks and checkouts (6 partitions each) on one broker; stop with Ctrl+C", new LocalKafkaVerb()),
        new("Three brokers and one 12-partition topic", new LocalKafkaVerb { Brokers = 3, Topics = "clicks:12" }),
    ];

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = ToOptions();
        using var loggerFactory = context.CreateLoggerFactory();
        var logger = loggerFactory.CreateLogger<LocalKafkaVerb>();
        using (var cluster = LocalKafkaCluster.Create(options))
        {
            await ServeAsync(cluster, options, context, logger, cancellationToken);
        }

        LocalKafkaLog.Stopped(logger);
        return ExitCodes.Success;
    }

    private static async Task ServeAsync(
        LocalKafkaCluster cluster, LocalKafkaOptions options, CliContext context, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var topic in options.Topics)
        {
            LocalKafkaLog.TopicCreated(logger, topic.Name, topic.Partitions);
        }

        LocalKafkaLog.Serving(logger, cluster.Brokers, cluster.BootstrapServers);
        await context.Out.WriteLineAsync("bootstrap.servers=" + cluster.BootstrapServers);
        await context.Out.FlushAsync(cancellationToken);

        // Serve until SIGINT/SIGTERM: a requested stop is the normal end of this command, so it exits 0.
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Validates every option and reports all problems at once (exit 2).</summary>
    public LocalKafkaOptions ToOptions()
    {
        var problems = new List<string>();
        var topics = LocalTopic.ParseList(Topics ?? string.Empty, problems);
        var options = new LocalKafkaOptions(Brokers, topics);
        problems.AddRange(options.Validate());
        return problems.Count > 0 ? throw new ConfigurationException(problems) : options;
    }
}
