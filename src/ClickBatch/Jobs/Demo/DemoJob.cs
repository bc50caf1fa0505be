using ClickBatch.Generation;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Kafka.Local;
using ClickBatch.Ledger;
using ClickBatch.Parquet;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Demo;

/// <summary>
/// <c>clickbatch demo</c>: the whole pipeline with no setup. Starts the embedded Kafka in this process, produces
/// a day of generated events (bad ones included), runs the job into a local lake and reads it back with DuckDB.
/// </summary>
public sealed class DemoJob(DemoOptions options, ILoggerFactory loggers, TimeProvider clock)
{
    public const string JobId = "clickbatch-demo";

    public async Task<(GenerationSummary Generated, RunReport Report)> ExecuteAsync(CancellationToken cancellationToken)
    {
        var topics = new[] { new LocalTopic("clicks", options.Partitions), new LocalTopic("checkouts", options.Partitions) };
        await using var kafka = LocalKafkaCluster.Create(new LocalKafkaOptions(1, topics));
        var generated = await GenerateAsync(kafka.BootstrapServers, cancellationToken);
        var settings = Settings(kafka.BootstrapServers);
        var sourceLogger = loggers.CreateLogger<ConfluentKafkaSource>();
        var job = new RunJob(settings, () => ConfluentKafkaSource.Create(settings.Kafka, settings.Source, clock, sourceLogger), loggers, clock);
        return (generated, await job.ExecuteAsync(cancellationToken));
    }

    private async Task<GenerationSummary> GenerateAsync(string bootstrapServers, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var plan = GenerationPlan.Create(new GeneratorOptions
        {
            Clicks = options.Clicks,
            Seed = options.Seed,
            MalformedRatio = options.MalformedRatio,
            From = day,
            To = day,
        });
        await using var sink = KafkaRecordSink.Create(KafkaRecordSink.CreateConfig(bootstrapServers), loggers.CreateLogger<KafkaRecordSink>());
        return await EventGenerator.WriteAsync(plan, sink, cancellationToken);
    }

    private RunSettings Settings(string bootstrapServers) => new()
    {
        JobId = JobId,
        LakeUri = options.Lake,
        Kafka = new KafkaSettings { BootstrapServers = bootstrapServers },
        Source = new KafkaSourceOptions { GroupId = JobId },
        Topics =
        [
            new TopicSettings(Decoding.BuiltInSchemas.Clicks, Decoding.PartitionMode.EventDate, options.Lake + "/clicks", options.Lake + "/clicks_rejects"),
            new TopicSettings(Decoding.BuiltInSchemas.Checkouts, Decoding.PartitionMode.EventDate, options.Lake + "/checkouts", options.Lake + "/checkouts_rejects"),
        ],
        Files = new FileWriterOptions(),
        StagingDirectory = Path.Combine(Path.GetTempPath(), "clickbatch-staging", JobId),
    };
}
