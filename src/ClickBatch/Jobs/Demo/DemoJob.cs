using ClickBatch.Configuration;
using ClickBatch.Generation;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Kafka.Local;
using ClickBatch.Ledger;
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
        await using (var source = ConfluentKafkaSource.Create(settings.Kafka, settings.Source, clock, sourceLogger))
        {
            EnsureNothingDropped(await source.CaptureBoundsAsync(topics.Select(t => t.Name).ToList(), cancellationToken));
        }

        var job = new RunJob(settings, () => ConfluentKafkaSource.Create(settings.Kafka, settings.Source, clock, sourceLogger), loggers, clock);
        return (generated, await job.ExecuteAsync(cancellationToken));
    }

    /// <summary>
    /// The embedded Kafka keeps about 5 MiB per partition and drops older batches silently. On a cluster this demo
    /// just created, an earliest offset above 0 means generated records are gone: the demo would land and attribute
    /// an incomplete day, so it stops instead.
    /// </summary>
    private void EnsureNothingDropped(IReadOnlyList<PartitionBounds> bounds)
    {
        var dropped = bounds.Where(b => b.Earliest > 0).ToList();
        if (dropped.Count > 0)
        {
            throw new Errors.ClickBatchException("The embedded Kafka dropped the oldest " + dropped.Sum(b => b.Earliest) + " generated records ("
                + string.Join(", ", dropped.Select(b => b.Topic + "[" + b.Partition + "] below offset " + b.Earliest))
                + "): it keeps about 5 MiB per partition. Use fewer --clicks (" + options.Clicks + " on " + options.Partitions + " partitions was too many).");
        }
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
        return await GenerationRunner.ProduceAsync(plan, bootstrapServers, loggers.CreateLogger<DemoJob>(), cancellationToken, clock);
    }

    /// <summary>The daily run's own settings path (validation, table locations, defaults) on the embedded Kafka.</summary>
    private RunSettings Settings(string bootstrapServers)
    {
        var run = new ClickBatchOptions { JobId = JobId, Lake = options.Lake };
        run.Kafka.BootstrapServers = bootstrapServers;
        run.Run.MaxOpenFiles = 8;
        return RunSettingsFactory.Create(run);
    }
}
