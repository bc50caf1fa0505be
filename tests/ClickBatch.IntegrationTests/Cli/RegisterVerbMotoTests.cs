using System.Text;
using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Ledger;

namespace ClickBatch.IntegrationTests.Cli;

[Collection(MotoCollection.Name)]
public sealed class RegisterVerbMotoTests(MotoServerFixture moto)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Register_S3Lake_BuildsManifestsAndGlueAndRepairsADeletedTable()
    {
        var bucket = await moto.CreateBucketAsync();
        var lake = "s3://" + bucket + "/prod";
        var store = S3DeltaTables.Store(moto, lake + "/clicks");
        var (table, v0) = await S3DeltaTables.CreateAsync(store);
        await S3DeltaTables.AppendAsync(table, v0,
            S3DeltaTables.File("2024-01-01", "a.parquet"), S3DeltaTables.File("2024-01-01", "b.parquet"), S3DeltaTables.File("2024-01-02", "c.parquet"));
        var database = MotoServerFixture.UniqueName("db");
        var glue = new GlueClient(moto.CreateJsonClient(AwsService.Glue));

        var (exit, output) = await RegisterAsync(lake, database);

        exit.ShouldBe(ExitCodes.Success);
        output.ShouldContain("clicks: Delta version 1, Glue table " + database + ".clicks created, 2 partition(s) added, 0 removed");
        output.ShouldContain("clicks_rejects: no Delta table at " + lake + "/clicks_rejects, skipped");
        var manifest = Encoding.UTF8.GetString(await store.ReadAllBytesAsync("_symlink_format_manifest/event_date=2024-01-01/manifest", Ct));
        manifest.ShouldBe("s3://" + bucket + "/prod/clicks/event_date=2024-01-01/a.parquet\ns3://" + bucket + "/prod/clicks/event_date=2024-01-01/b.parquet\n");
        (await glue.GetPartitionsAsync(database, "clicks", null, Ct)).Select(p => p.StorageDescriptor!.Location).Order(StringComparer.Ordinal).ShouldBe(
            ["s3://" + bucket + "/prod/clicks/_symlink_format_manifest/event_date=2024-01-01/", "s3://" + bucket + "/prod/clicks/_symlink_format_manifest/event_date=2024-01-02/"]);

        (await glue.DeleteTableAsync(database, "clicks", Ct)).ShouldBeTrue();
        (await RegisterAsync(lake, database)).Output.ShouldContain("clicks created, 2 partition(s) added");
        (await RegisterAsync(lake, database)).Output.ShouldContain("clicks unchanged, 0 partition(s) added, 0 removed");
        (await glue.GetTableAsync(database, "clicks", Ct))!.StorageDescriptor!.Columns.ShouldBe(
            [new GlueColumn("event_id", "string"), new GlueColumn("device", "struct<os:string>")]);
    }

    [Fact]
    public async Task Register_WritesALedgerEntryPerCallNamingTheVersionsRegistered()
    {
        var bucket = await moto.CreateBucketAsync();
        var lake = "s3://" + bucket + "/prod";
        var (table, v0) = await S3DeltaTables.CreateAsync(S3DeltaTables.Store(moto, lake + "/clicks"));
        await S3DeltaTables.AppendAsync(table, v0, S3DeltaTables.File("2024-01-01", "a.parquet"));
        var database = MotoServerFixture.UniqueName("db");

        await RegisterAsync(lake, database);
        await RegisterAsync(lake, database);

        var entries = await new RunLedger(S3DeltaTables.Store(moto, lake)).ReadLatestAsync(10, "register", Ct);
        entries.Count.ShouldBe(2);
        entries.ShouldAllBe(e => e.Status == RunStatus.Succeeded && e.ExitCode == ExitCodes.Success);
        var registered = entries[0].Topics.ShouldHaveSingleItem();
        registered.Topic.ShouldBe("clicks");
        registered.DeltaVersions.ShouldBe([1L]);
    }

    [Fact]
    public async Task Register_MissingOptions_ReportsEveryProblem()
    {
        var verb = new RegisterVerb { Tables = " " };

        var error = await Should.ThrowAsync<ClickBatch.Errors.ConfigurationException>(() => verb.RunAsync(Context(new StringWriter()), Ct));

        // Without --glue-database register rebuilds the manifests only (issue 18), so only these two are problems.
        error.Problems.Count.ShouldBe(2);
        error.Problems.ShouldContain(p => p.StartsWith("--lake is required"));
        error.Problems.ShouldContain(p => p.StartsWith("--tables names no table"));
    }

    [Fact]
    public async Task Register_Json_CamelCaseKeysLikeTheOtherJsonOutputs()
    {
        var bucket = await moto.CreateBucketAsync();
        var lake = "s3://" + bucket + "/prod";
        var (table, v0) = await S3DeltaTables.CreateAsync(S3DeltaTables.Store(moto, lake + "/clicks"));
        await S3DeltaTables.AppendAsync(table, v0, S3DeltaTables.File("2024-01-01", "a.parquet"));
        var database = MotoServerFixture.UniqueName("db");
        var output = new StringWriter();

        var exit = await new RegisterVerb { Lake = lake, GlueDatabase = database, Tables = "clicks", Json = true }.RunAsync(Context(output), Ct);

        exit.ShouldBe(ExitCodes.Success);
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        var clicks = json.RootElement[0];
        clicks.GetProperty("table").GetString().ShouldBe("clicks");
        clicks.GetProperty("tableUri").GetString().ShouldBe(lake + "/clicks");
        clicks.GetProperty("glue").GetProperty("deltaVersion").GetInt64().ShouldBe(1);
        json.RootElement[1].GetProperty("glue").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    private async Task<(int Exit, string Output)> RegisterAsync(string lake, string database)
    {
        var output = new StringWriter();
        var exit = await new RegisterVerb { Lake = lake, GlueDatabase = database, Tables = "clicks" }.RunAsync(Context(output), Ct);
        return (exit, output.ToString());
    }

    private CliContext Context(StringWriter output) => new(output, new StringWriter(), TimeProvider.System, moto.Environment, IsInteractive: false);
}
