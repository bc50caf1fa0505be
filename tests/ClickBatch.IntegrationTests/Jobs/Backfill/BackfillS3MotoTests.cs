using System.Text;
using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Configuration;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Snapshots;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Backfill;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Jobs.Backfill;

/// <summary>
/// A backfill on an <c>s3://</c> lake (moto) with a Glue database: files are downloaded, rewritten and uploaded
/// through the S3 store, the row count of both tables is unchanged, manifests list exactly the active files and the
/// Glue partitions follow the new snapshot.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class BackfillS3MotoTests(MotoServerFixture moto, LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task ExecuteAsync_S3LakeWithGlue_ReplacesTheRangeAndManifestsAndGlueFollow()
    {
        using var harness = new RunHarness(kafka, partitions: 2);
        await harness.ProduceAsync(clicks: 600, malformedRatio: 0.05);
        var lake = "s3://" + await moto.CreateBucketAsync() + "/lake";
        var database = "it_" + Guid.NewGuid().ToString("N")[..10];
        var local = harness.Settings(commitEveryRecords: 100);
        var settings = local with
        {
            LakeUri = lake,
            GlueDatabase = database,
            Source = local.Source with { MaxChunkRecords = 100 },
            Topics = local.Topics.Select(t => t with { TableUri = lake + "/" + t.Topic, RejectsTableUri = lake + "/" + t.Topic + "_rejects" }).ToList(),
        };
        var glue = new GlueClient(AwsJsonClient.Create(moto.Environment, AwsService.Glue, TimeProvider.System, NullLogger<AwsJsonClient>.Instance));
        var catalog = new GlueCatalogSync(glue, database, NullLogger.Instance);
        (await new RunJob(settings, () => Source(settings), NullLoggerFactory.Instance, TimeProvider.System, Open, catalog).ExecuteAsync(CancellationToken.None))
            .Status.ShouldBe(RunStatus.Succeeded);
        var topic = settings.Topics.Single(t => t.Topic == harness.Clicks);
        var rowsBefore = await RowsAsync(topic);

        await using var source = Source(settings);
        var job = new BackfillJob(source, Open, catalog, TimeProvider.System, NullLoggerFactory.Instance);
        var plan = await job.PlanAsync(new BackfillOptions { Settings = settings, Topic = topic, From = new(20, null), To = new(200, null) }, CancellationToken.None);
        var result = await job.ExecuteAsync(plan, RunId.New(TimeProvider.System), CancellationToken.None);

        (result.Data.FilesRemoved + result.Data.FilesRewritten).ShouldBeGreaterThan(1);
        result.Data.RowsAdded.ShouldBe(result.Data.RowsRemoved);
        (await RowsAsync(topic)).ShouldBe(rowsBefore);
        foreach (var table in new[] { topic.TableUri, topic.RejectsTableUri })
        {
            var store = Open(table);
            var snapshot = await new DeltaLog(store).GetSnapshotAsync(null, CancellationToken.None);
            (await ManifestedFilesAsync(store)).ShouldBe(snapshot.ActiveFiles.Select(f => store.GetAbsoluteUri(UriPath.Unescape(f.Path)).AbsoluteUri), ignoreOrder: true);
            var partitions = await glue.GetPartitionsAsync(database, GlueNames.Table(table.Split('/')[^1]), null, CancellationToken.None);
            partitions.Select(p => p.Values.Single()).ShouldBe(snapshot.ActiveFiles.Select(f => f.PartitionValues["dt"]).Distinct(), ignoreOrder: true);
        }
    }

    private ConfluentKafkaSource Source(RunSettings settings) =>
        ConfluentKafkaSource.Create(settings.Kafka, settings.Source, TimeProvider.System, NullLogger.Instance);

    private IObjectStore Open(string uri) => ObjectStoreFactory.Create(uri, moto.Environment, TimeProvider.System);

    private async Task<(long Data, long Rejects)> RowsAsync(TopicSettings topic) =>
        (await RowsAsync(topic.TableUri), await RowsAsync(topic.RejectsTableUri));

    private async Task<long> RowsAsync(string table) =>
        (await new DeltaLog(Open(table)).GetSnapshotAsync(null, CancellationToken.None)).ActiveFiles.Sum(f => FileStatistics.Parse(f.Stats)!.NumRecords!.Value);

    private static async Task<List<string>> ManifestedFilesAsync(IObjectStore store)
    {
        var files = new List<string>();
        await foreach (var manifest in store.ListAsync(ManifestWriter.Prefix, null, CancellationToken.None))
        {
            files.AddRange(Encoding.UTF8.GetString(await store.ReadAllBytesAsync(manifest.Key, CancellationToken.None))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return files;
    }
}
