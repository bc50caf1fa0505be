using System.Text;
using System.Text.Json;
using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Cli;
using ClickBatch.Configuration;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Jobs.Run;

/// <summary>
/// Issue 5 "Done when": a run into <c>s3://</c> with a Glue database leaves Delta tables in S3, manifests listing
/// exactly the active files, and Glue tables whose columns, partition keys and partitions match the Delta log.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class RunIntoS3MotoTests(MotoServerFixture moto, LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task Run_S3LakeWithGlueDatabase_TablesManifestsAndCatalogMatchTheDeltaLog()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 600);
        var lake = "s3://" + await moto.CreateBucketAsync() + "/lake";
        var database = "it_" + Guid.NewGuid().ToString("N")[..10];
        var local = harness.Settings(commitEveryRecords: 150);
        var settings = local with
        {
            LakeUri = lake,
            GlueDatabase = database,
            Topics = local.Topics.Select(t => t with { TableUri = lake + "/" + t.Topic, RejectsTableUri = lake + "/" + t.Topic + "_rejects" }).ToList(),
        };
        var glue = new GlueClient(AwsJsonClient.Create(moto.Environment, AwsService.Glue, TimeProvider.System, NullLogger<AwsJsonClient>.Instance));

        var report = await new RunJob(settings, () => ConfluentKafkaSource.Create(settings.Kafka, settings.Source, TimeProvider.System, NullLogger.Instance),
            NullLoggerFactory.Instance, TimeProvider.System, Open, new GlueCatalogSync(glue, database, NullLogger.Instance)).ExecuteAsync(CancellationToken.None);

        report.Status.ShouldBe(RunStatus.Succeeded);
        report.Topics.Single(t => t.Topic == harness.Clicks).DeltaVersions.Count.ShouldBeGreaterThan(1);
        long rows = 0;
        foreach (var table in settings.Topics.SelectMany(t => new[] { t.TableUri, t.RejectsTableUri }))
        {
            var store = Open(table);
            var snapshot = await new DeltaLog(store).GetSnapshotAsync(null, CancellationToken.None);
            (await ManifestedFilesAsync(store)).ShouldBe(snapshot.ActiveFiles.Select(f => store.GetAbsoluteUri(UriPath.Unescape(f.Path)).AbsoluteUri), ignoreOrder: true);
            await ShouldMatchGlueAsync(glue, database, table.Split('/')[^1], snapshot);
            rows += table.EndsWith("_rejects", StringComparison.Ordinal) ? 0 : snapshot.ActiveFiles.Sum(f => FileStatistics.Parse(f.Stats!)!.NumRecords!.Value);
        }

        rows.ShouldBe(report.Rows);
    }

    /// <summary>Issue 17: a topic schema that gains a nullable field widens the S3 table, and its Glue table's columns follow.</summary>
    [Fact]
    public async Task Run_SchemaGainsANullableField_TableAndGlueColumnsAndPartitionsFollow()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 200);
        var lake = "s3://" + await moto.CreateBucketAsync() + "/lake";
        var database = "it_" + Guid.NewGuid().ToString("N")[..10];
        var local = harness.Settings();
        var settings = local with
        {
            LakeUri = lake,
            GlueDatabase = database,
            Topics = local.Topics.Select(t => t with { TableUri = lake + "/" + t.Topic, RejectsTableUri = lake + "/" + t.Topic + "_rejects" }).ToList(),
        };
        var glue = new GlueClient(AwsJsonClient.Create(moto.Environment, AwsService.Glue, TimeProvider.System, NullLogger<AwsJsonClient>.Instance));
        Task<RunReport> RunAsync(RunSettings s) => new RunJob(s, () => ConfluentKafkaSource.Create(s.Kafka, s.Source, TimeProvider.System, NullLogger.Instance),
            NullLoggerFactory.Instance, TimeProvider.System, Open, new GlueCatalogSync(glue, database, NullLogger.Instance)).ExecuteAsync(CancellationToken.None);
        (await RunAsync(settings)).Status.ShouldBe(RunStatus.Succeeded);
        await harness.ProduceAsync(clicks: 100, seed: 8);
        var clicks = settings.Topics[0];
        var wider = settings with
        {
            Topics = [clicks with { Schema = clicks.Schema with { Fields = [.. clicks.Schema.Fields, new ClickBatch.Decoding.FieldSpec("campaign", ClickBatch.Decoding.FieldKind.String, Required: false)] } },
                .. settings.Topics.Skip(1)],
        };

        var report = await RunAsync(wider);

        report.Status.ShouldBe(RunStatus.Succeeded, report.Error);
        var store = Open(clicks.TableUri);
        var snapshot = await new DeltaLog(store).GetSnapshotAsync(null, CancellationToken.None);
        snapshot.Schema.Find("campaign").ShouldNotBeNull();
        await ShouldMatchGlueAsync(glue, database, harness.Clicks, snapshot);
        var table = await glue.GetTableAsync(database, RegisterNames.Glue(harness.Clicks), CancellationToken.None);
        table!.StorageDescriptor!.Columns.Select(c => c.Name).ShouldContain("campaign");
        var partitions = await glue.GetPartitionsAsync(database, table.Name, null, CancellationToken.None);
        partitions.ShouldAllBe(p => p.StorageDescriptor!.Columns.Any(c => c.Name == "campaign"));
    }

    [Fact]
    public async Task StatusVerb_S3Lake_ShowsTheOffsetsStoredInS3AndTheLastRun()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 200);
        var lake = "s3://" + await moto.CreateBucketAsync() + "/lake";
        var local = harness.Settings();
        var settings = local with
        {
            LakeUri = lake,
            Topics = local.Topics.Select(t => t with { TableUri = lake + "/" + t.Topic, RejectsTableUri = lake + "/" + t.Topic + "_rejects" }).ToList(),
        };
        var report = await new RunJob(settings, () => ConfluentKafkaSource.Create(settings.Kafka, settings.Source, TimeProvider.System, NullLogger.Instance),
            NullLoggerFactory.Instance, TimeProvider.System, Open).ExecuteAsync(CancellationToken.None);
        var config = Path.Combine(harness.Lake, "..", "status-s3.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { Topics = new[] { new { Name = harness.Clicks, Schema = "click_id:string!,datetime_occured:timestamp!" } } }));
        var verb = new StatusVerb
        {
            Config = config, BootstrapServers = kafka.BootstrapServers, Lake = lake, JobId = settings.JobId, GroupId = settings.Source.GroupId, Json = true,
        };
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await ClickBatchCli.RunVerbAsync(verb, new CliContext(output, error, TimeProvider.System, moto.Environment, false), CancellationToken.None);

        exit.ShouldBe(ExitCodes.Success, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        json.RootElement.GetProperty("lastRun").GetProperty("runId").GetString().ShouldBe(report.RunId);
        var topic = json.RootElement.GetProperty("topics")[0];
        topic.GetProperty("lag").GetInt64().ShouldBe(0);
        topic.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("tableOffset").GetInt64()).ShouldBe(report.Topics.Single(t => t.Topic == harness.Clicks).Records);
    }

    private IObjectStore Open(string uri) => ObjectStoreFactory.Create(uri, moto.Environment, TimeProvider.System);

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

    private static async Task ShouldMatchGlueAsync(GlueClient glue, string database, string name, Snapshot snapshot)
    {
        var table = await glue.GetTableAsync(database, RegisterNames.Glue(name), CancellationToken.None);
        table.ShouldNotBeNull($"Glue table {name}");
        table.PartitionKeys.Select(k => k.Name).ShouldBe(snapshot.PartitionColumns);
        table.StorageDescriptor!.Columns.Select(c => c.Name).ShouldBe(
            snapshot.Schema.Fields.Select(f => f.Name).Where(n => !snapshot.PartitionColumns.Contains(n)));
        table.StorageDescriptor.InputFormat.ShouldBe(GlueFormats.SymlinkTextInputFormat);
        table.StorageDescriptor.Location.ShouldNotBeNull().ShouldEndWith("_symlink_format_manifest/");
        var partitions = await glue.GetPartitionsAsync(database, table.Name, null, CancellationToken.None);
        partitions.Select(p => p.Values.Single()).ShouldBe(
            snapshot.ActiveFiles.Select(f => f.PartitionValues["dt"]!).Distinct(), ignoreOrder: true);
    }

    private static class RegisterNames
    {
        public static string Glue(string table) => ClickBatch.Catalog.Glue.GlueNames.Table(table);
    }
}
