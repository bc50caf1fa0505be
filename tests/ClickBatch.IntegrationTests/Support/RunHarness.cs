using ClickBatch.Configuration;
using ClickBatch.Decoding;
using ClickBatch.Generation;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Parquet;
using ClickBatch.Storage;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// Generated clicks and checkouts in their own uniquely named topics on the shared local Kafka, a lake folder,
/// and runs of the job over them; the truth to compare against comes from Kafka's watermarks, not from the job.
/// </summary>
public sealed class RunHarness : IDisposable
{
    private readonly LocalKafkaFixture _kafka;
    private readonly TempLake _lake = new();

    public RunHarness(LocalKafkaFixture kafka, int partitions = 4)
    {
        _kafka = kafka;
        Partitions = partitions;
        Clicks = kafka.CreateTopic("clicks", partitions);
        Checkouts = kafka.CreateTopic("checkouts", partitions);
    }

    public string Clicks { get; }

    public string BootstrapServers => _kafka.BootstrapServers;

    public string Checkouts { get; }

    public int Partitions { get; }

    public string Lake => _lake.Path;

    public string TableOf(string topic) => Lake + "/" + topic;

    public string RejectsOf(string topic) => Lake + "/" + topic + "_rejects";

    /// <summary>The dbt source names (clicks, checkouts and their rejects) to this harness's table locations.</summary>
    public IReadOnlyDictionary<string, string> SourceTables => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["clicks"] = TableOf(Clicks),
        ["checkouts"] = TableOf(Checkouts),
        ["clicks_rejects"] = RejectsOf(Clicks),
        ["checkouts_rejects"] = RejectsOf(Checkouts),
    };

    /// <summary>Produces a generated day of events (with every bad kind) to both topics.</summary>
    public async Task<GenerationSummary> ProduceAsync(int clicks, ulong seed = 7, double malformedRatio = 0.02)
    {
        var plan = Plan(clicks, seed, malformedRatio);
        return await GenerationRunner.ProduceAsync(plan, _kafka.BootstrapServers, NullLogger.Instance, CancellationToken.None);
    }

    /// <summary>The plan <see cref="ProduceAsync"/> produces for the same arguments: the truth of what went to Kafka.</summary>
    public GenerationPlan Plan(int clicks, ulong seed = 7, double malformedRatio = 0.02) =>
        GenerationPlan.Create(new GeneratorOptions
        {
            Clicks = clicks,
            Seed = seed,
            MalformedRatio = malformedRatio,
            From = new DateOnly(2026, 11, 22),
            To = new DateOnly(2026, 11, 22),
            ClicksTopic = Clicks,
            CheckoutsTopic = Checkouts,
        });

    /// <summary>Every (partition, offset) Kafka holds for the topic: [low, high) of each partition.</summary>
    public HashSet<(int Partition, long Offset)> OffsetsInKafka(string topic)
    {
        using var consumer = _kafka.CreateConsumer("truth-" + Guid.NewGuid().ToString("N"));
        var offsets = new HashSet<(int, long)>();
        for (var partition = 0; partition < Partitions; partition++)
        {
            var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10));
            for (var offset = marks.Low.Value; offset < marks.High.Value; offset++)
            {
                offsets.Add((partition, offset));
            }
        }

        return offsets;
    }

    /// <summary>Every (partition, offset) the table and its rejects table hold, duplicates kept.</summary>
    public async Task<List<(int Partition, long Offset)>> OffsetsInLakeAsync(string topic) =>
        [.. await LakeReader.KafkaOffsetsAsync(TableOf(topic)), .. await LakeReader.KafkaOffsetsAsync(RejectsOf(topic))];

    /// <summary>Both topics: every (partition, offset) Kafka holds sits exactly once in the table or its rejects table.</summary>
    public async Task ShouldHoldExactlyOnceAsync()
    {
        foreach (var topic in new[] { Clicks, Checkouts })
        {
            var landed = await OffsetsInLakeAsync(topic);
            var produced = OffsetsInKafka(topic);
            landed.Count.ShouldBe(landed.Distinct().Count(), $"{topic}: some offsets landed twice");
            landed.ToHashSet().SetEquals(produced).ShouldBeTrue(
                $"{topic}: {produced.Except(landed).Count()} produced offsets missing, {landed.ToHashSet().Except(produced).Count()} unexpected");
        }
    }

    public RunSettings Settings(long commitEveryRecords = 2_000_000, double maxRejectRatio = 0.5, bool allowDataLoss = false) => new()
    {
        JobId = "it",
        LakeUri = Lake,
        Kafka = new KafkaSettings { BootstrapServers = _kafka.BootstrapServers },
        Source = new KafkaSourceOptions { GroupId = "it-" + Clicks, MaxChunkRecords = 500 },
        Topics =
        [
            new TopicSettings(BuiltInSchemas.Clicks with { Topic = Clicks }, PartitionMode.EventDate, TableOf(Clicks), RejectsOf(Clicks)),
            new TopicSettings(BuiltInSchemas.Checkouts with { Topic = Checkouts }, PartitionMode.EventDate, TableOf(Checkouts), RejectsOf(Checkouts)),
        ],
        AllowDataLoss = allowDataLoss,
        MaxRejectRatio = maxRejectRatio,
        Files = new FileWriterOptions { RowGroupRows = 1000 },
        CommitEveryRecords = commitEveryRecords,
        StagingDirectory = _lake.Staging,
    };

    public Task<RunReport> RunAsync(
        RunSettings settings, Func<string, IObjectStore>? stores = null, Func<IKafkaSource, IKafkaSource>? wrapSource = null,
        CancellationToken stop = default)
    {
        wrapSource ??= source => source;
        var job = new RunJob(settings, () => wrapSource(ConfluentKafkaSource.Create(settings.Kafka, settings.Source, TimeProvider.System,
            NullLogger.Instance)), NullLoggerFactory.Instance, TimeProvider.System, stores);
        return job.ExecuteAsync(stop);
    }

    /// <summary>The local staging folder next to the lake.</summary>
    public string Staging => _lake.Staging;

    /// <summary>
    /// A config file for the real <c>clickbatch run</c> naming this harness's topics with narrow schemas (topics named
    /// other than clicks/checkouts have no built-in schema); returns its path.
    /// </summary>
    public async Task<string> WriteCliConfigAsync(string folder)
    {
        var config = Path.Combine(folder, "run-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        await File.WriteAllTextAsync(config, System.Text.Json.JsonSerializer.Serialize(new
        {
            Topics = new[]
            {
                new { Name = Clicks, Schema = "click_id:string!,user_id:int,datetime_occured:timestamp!" },
                new { Name = Checkouts, Schema = "checkout_id:string!,user_id:int,datetime_occured:timestamp!" },
            },
        }));
        return config;
    }

    public void Dispose() => _lake.Dispose();
}
