using System.Text.Json;
using ClickBatch.Cli;
using ClickBatch.Configuration;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Status;
using ClickBatch.Kafka;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Jobs.Status;

/// <summary>
/// Issue 4 "clickbatch status": offsets stored in Delta, the group's, Kafka's watermarks, lag and the last run.
/// Expected watermarks come from a separate Kafka consumer, never from the status itself.
/// </summary>
public sealed class StatusJobTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task CollectAsync_AfterRun_LagZeroStoredAndGroupOffsetsAtLatestAndLastRunShown()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 600);
        var settings = harness.Settings();
        var run = await harness.RunAsync(settings);

        var status = await CollectAsync(settings);

        foreach (var topic in status.Topics)
        {
            topic.TableLanded.ShouldBeTrue();
            topic.RejectsTableLanded.ShouldBeTrue();
            topic.Partitions.Count.ShouldBe(harness.Partitions);
            foreach (var p in topic.Partitions)
            {
                var (low, high) = Watermarks(topic.Topic, p.Partition);
                (p.EarliestOffset, p.LatestOffset).ShouldBe((low, high));
                p.TableOffset.ShouldBe(high);
                p.RejectsOffset.ShouldBe(high);
                p.StoredOffset.ShouldBe(high);
                p.GroupOffset.ShouldBe(high);
                p.Lag.ShouldBe(0);
            }
        }

        status.Topics.Sum(t => t.Partitions.Sum(p => p.LatestOffset)).ShouldBeGreaterThan(0);
        status.LastRun.ShouldNotBeNull();
        status.LastRun.RunId.ShouldBe(run.RunId);
        status.LastRun.Status.ShouldBe(RunStatus.Succeeded);
        status.LastRun.Records.ShouldBe(run.Records);
        status.LastRun.EndedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task CollectAsync_ProducedMoreAfterRun_LagCountsOnlyTheNewRecords()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 300);
        var settings = harness.Settings();
        await harness.RunAsync(settings);
        await kafka.ProduceAsync(harness.Clicks, partition: 2, count: 7);
        await kafka.ProduceAsync(harness.Checkouts, partition: 0, count: 3);

        var status = await CollectAsync(settings);

        var clicks = status.Topics.Single(t => t.Topic == harness.Clicks);
        clicks.Lag.ShouldBe(7);
        clicks.Partitions.Single(p => p.Partition == 2).Lag.ShouldBe(7);
        clicks.Partitions.Single(p => p.Partition == 2).StoredOffset.ShouldBe(Watermarks(harness.Clicks, 2).High - 7);
        status.Topics.Single(t => t.Topic == harness.Checkouts).Partitions.Single(p => p.Partition == 0).Lag.ShouldBe(3);
        status.Lag.ShouldBe(10);
    }

    [Fact]
    public async Task CollectAsync_TablesNotCreatedYet_SaysNotLandedAndLagIsTheWholeBacklog()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 200);

        var status = await CollectAsync(harness.Settings());

        status.LastRun.ShouldBeNull();
        foreach (var topic in status.Topics)
        {
            topic.TableLanded.ShouldBeFalse();
            topic.RejectsTableLanded.ShouldBeFalse();
            foreach (var p in topic.Partitions)
            {
                var (low, high) = Watermarks(topic.Topic, p.Partition);
                p.StoredOffset.ShouldBeNull();
                p.GroupOffset.ShouldBeNull();
                p.Lag.ShouldBe(high - low);
            }
        }

        Directory.Exists(harness.TableOf(harness.Clicks)).ShouldBeFalse("status reads only, it must not create tables");
        var table = StatusPrinter.Table(status);
        table.ShouldContain(harness.Clicks + " -> " + harness.TableOf(harness.Clicks));
        table.ShouldContain("not landed yet (no Delta table)");
        table.ShouldContain("last run: none");
    }

    [Fact]
    public async Task StatusVerb_JsonAfterRun_PrintsOneObjectWithLastRunAndLag()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 300);
        var settings = harness.Settings();
        var run = await harness.RunAsync(settings);
        var config = Path.Combine(harness.Lake, "..", "status.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Topics = new[] { new { Name = harness.Clicks, Schema = "click_id:string!,datetime_occured:timestamp!" } },
        }));
        var verb = new StatusVerb
        {
            Config = config,
            BootstrapServers = kafka.BootstrapServers,
            Lake = harness.Lake,
            JobId = settings.JobId,
            GroupId = settings.Source.GroupId,
            Json = true,
        };
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await ClickBatchCli.RunVerbAsync(verb, new CliContext(output, error, TimeProvider.System, new Dictionary<string, string>(), false), CancellationToken.None);

        exit.ShouldBe(ExitCodes.Success, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        json.RootElement.GetProperty("lastRun").GetProperty("runId").GetString().ShouldBe(run.RunId);
        json.RootElement.GetProperty("lastRun").GetProperty("status").GetString().ShouldBe("Succeeded");
        var topics = json.RootElement.GetProperty("topics");
        topics.GetArrayLength().ShouldBe(1);
        topics[0].GetProperty("topic").GetString().ShouldBe(harness.Clicks);
        topics[0].GetProperty("lag").GetInt64().ShouldBe(0);
        topics[0].GetProperty("partitions").GetArrayLength().ShouldBe(harness.Partitions);
    }

    [Fact]
    public async Task StatusVerb_KafkaUnreachable_ExitsOneWithMessageNamingTheTopic()
    {
        using var lake = new TempLake();
        var verb = new StatusVerb { BootstrapServers = "127.0.0.1:1", Lake = lake.Path, Topics = "clicks" };
        var (output, error) = (new StringWriter(), new StringWriter());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var exit = await ClickBatchCli.RunVerbAsync(verb, new CliContext(output, error, TimeProvider.System, new Dictionary<string, string>(), false), timeout.Token);

        exit.ShouldBe(ExitCodes.Failure);
        error.ToString().ShouldContain("Could not read the metadata of topic 'clicks' from 127.0.0.1:1: Local_Transport");
        error.ToString().ShouldContain("Check that the brokers are reachable from here");
        output.ToString().ShouldBeEmpty();
    }

    private Task<StatusReport> CollectAsync(RunSettings settings) =>
        new StatusJob(settings, () => ConfluentKafkaSource.Create(settings.Kafka, settings.Source, TimeProvider.System, NullLogger.Instance), ObjectStoreFactory.Create)
            .CollectAsync(CancellationToken.None);

    private (long Low, long High) Watermarks(string topic, int partition)
    {
        using var consumer = kafka.CreateConsumer("truth-" + Guid.NewGuid().ToString("N"));
        var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10));
        return (marks.Low.Value, marks.High.Value);
    }
}
