using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Snapshots;
using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Catalog.Glue;

[Collection(MotoCollection.Name)]
public sealed class GlueRegistrarMotoTests(MotoServerFixture moto)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly Uri Root = new("s3://lake/prod/clicks/");

    private static readonly StructType Schema = new(
    [
        new StructField("event_id", PrimitiveType.String),
        new StructField("ts", PrimitiveType.Timestamp),
        new StructField("device", new StructType([new StructField("os", PrimitiveType.String), new StructField("build", PrimitiveType.Long)])),
        new StructField("tags", new ArrayType(PrimitiveType.String, true)),
        new StructField("event_date", PrimitiveType.Date),
    ]);

    [Fact]
    public async Task RegisterAsync_ThenDeleteTableAndRegisterAgain_RebuildsTableAndPartitionsFromTheSnapshot()
    {
        var glue = new GlueClient(moto.CreateJsonClient(AwsService.Glue));
        var database = MotoServerFixture.UniqueName("db");
        await glue.EnsureDatabaseAsync(database, null, Ct);
        var snapshot = Snapshot(Schema, Enumerable.Range(1, 120).Select(d => "2024-" + (1 + (d / 28)).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "-" + (1 + (d % 28)).ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
        var registrar = new GlueRegistrar(glue);

        var first = await registrar.RegisterAsync(database, "clicks", snapshot, Root, Ct);
        (await glue.DeleteTableAsync(database, "clicks", Ct)).ShouldBeTrue();
        var repaired = await registrar.RegisterAsync(database, "clicks", snapshot, Root, Ct);
        var again = await registrar.RegisterAsync(database, "clicks", snapshot, Root, Ct);

        first.ShouldBe(new GlueRegistration(database, "clicks", 7, GlueTableAction.Created, 120, 0));
        repaired.ShouldBe(first);
        again.ShouldBe(first with { TableAction = GlueTableAction.Unchanged, PartitionsAdded = 0 });
        var table = (await glue.GetTableAsync(database, "clicks", Ct))!;
        table.StorageDescriptor!.Columns.ShouldBe(
        [
            new GlueColumn("event_id", "string"), new GlueColumn("ts", "timestamp"),
            new GlueColumn("device", "struct<os:string,build:bigint>"), new GlueColumn("tags", "array<string>"),
        ]);
        table.PartitionKeys.ShouldBe([new GlueColumn("event_date", "date")]);
        var partitions = await glue.GetPartitionsAsync(database, "clicks", null, Ct);
        partitions.Count.ShouldBe(120);
        partitions.ShouldAllBe(p => p.StorageDescriptor!.Location == "s3://lake/prod/clicks/_symlink_format_manifest/event_date=" + p.Values[0] + "/");
    }

    [Fact]
    public async Task RegisterAsync_SchemaEvolvesAndPartitionEmpties_UpdatesColumnsAndRemovesIt()
    {
        var glue = new GlueClient(moto.CreateJsonClient(AwsService.Glue));
        var database = MotoServerFixture.UniqueName("db");
        await glue.EnsureDatabaseAsync(database, null, Ct);
        var registrar = new GlueRegistrar(glue);
        await registrar.RegisterAsync(database, "clicks", Snapshot(Schema, ["2024-01-01", "2024-01-02"]), Root, Ct);
        var evolved = new StructType([.. Schema.Fields, new StructField("referrer", PrimitiveType.String)]);

        var result = await registrar.RegisterAsync(database, "clicks", Snapshot(evolved, ["2024-01-02"]), Root, Ct);

        result.TableAction.ShouldBe(GlueTableAction.Updated);
        (result.PartitionsAdded, result.PartitionsRemoved, result.PartitionsUpdated).ShouldBe((0, 1, 1));
        (await glue.GetPartitionsAsync(database, "clicks", null, Ct)).Single().StorageDescriptor!.Columns.Last().ShouldBe(new GlueColumn("referrer", "string"));
        (await glue.GetTableAsync(database, "clicks", Ct))!.StorageDescriptor!.Columns.Last().ShouldBe(new GlueColumn("referrer", "string"));
        (await glue.GetPartitionsAsync(database, "clicks", null, Ct)).Select(p => p.Values.Single()).ShouldBe(["2024-01-02"]);
    }

    [Fact]
    public async Task RegisterAsync_TableRootMoved_PointsTheTableAndEveryPartitionAtTheNewRoot()
    {
        var glue = new GlueClient(moto.CreateJsonClient(AwsService.Glue));
        var database = MotoServerFixture.UniqueName("db");
        await glue.EnsureDatabaseAsync(database, null, Ct);
        var registrar = new GlueRegistrar(glue);
        var snapshot = Snapshot(Schema, ["2024-01-01", "2024-01-02"]);
        await registrar.RegisterAsync(database, "clicks", snapshot, Root, Ct);

        var moved = await registrar.RegisterAsync(database, "clicks", snapshot, new Uri("s3://lake/moved/clicks/"), Ct);

        moved.TableAction.ShouldBe(GlueTableAction.Updated);
        moved.PartitionsUpdated.ShouldBe(2);
        var table = (await glue.GetTableAsync(database, "clicks", Ct))!;
        table.StorageDescriptor!.Location.ShouldBe("s3://lake/moved/clicks/_symlink_format_manifest/");
        var partitions = await glue.GetPartitionsAsync(database, "clicks", null, Ct);
        partitions.Select(p => p.StorageDescriptor!.Location).Order(StringComparer.Ordinal).ShouldBe(
            ["s3://lake/moved/clicks/_symlink_format_manifest/event_date=2024-01-01/", "s3://lake/moved/clicks/_symlink_format_manifest/event_date=2024-01-02/"]);
        (await registrar.RegisterAsync(database, "clicks", snapshot, new Uri("s3://lake/moved/clicks/"), Ct)).TableAction.ShouldBe(GlueTableAction.Unchanged);
    }

    [Fact]
    public async Task GluePartitions_OnS3_PointAtTheFoldersOfTheManifestsTheDeltaWriterWrites()
    {
        var bucket = await moto.CreateBucketAsync();
        var store = ClickBatch.Storage.S3ObjectStoreFactory.Create(ClickBatch.Storage.S3StoreLocation.Parse("s3://" + bucket + "/prod/clicks"), moto.Environment, TimeProvider.System);
        var snapshot = Snapshot(Schema, ["2024-01-01", "2024-01-02"]);

        await ClickBatch.Delta.Manifests.ManifestWriter.RebuildAsync(store, snapshot, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, Ct);

        var manifests = await store.ListAsync("_symlink_format_manifest/", null, Ct).Select(o => store.GetAbsoluteUri(o.Key).AbsoluteUri).ToListAsync();
        var table = GlueTableBuilder.Table("clicks", snapshot, store.RootUri);
        var partitions = GlueTableBuilder.Partitions(snapshot, store.RootUri);
        partitions.Select(p => p.StorageDescriptor.Location + "manifest").Order(StringComparer.Ordinal).ShouldBe(manifests);
        manifests.ShouldAllBe(m => m.StartsWith(table.StorageDescriptor!.Location!, StringComparison.Ordinal));
        var manifest = System.Text.Encoding.UTF8.GetString(await store.ReadAllBytesAsync("_symlink_format_manifest/event_date=2024-01-02/manifest", Ct));
        manifest.ShouldBe("s3://" + bucket + "/prod/clicks/event_date=2024-01-02/part-0.parquet\n");
    }

    private static Snapshot Snapshot(StructType schema, IEnumerable<string> days) =>
        new(
            Root,
            7,
            new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 2 },
            new MetadataAction { Id = "id-1", SchemaString = DeltaSchema.Serialize(schema), PartitionColumns = ["event_date"] },
            days.Select(d => new AddFile
            {
                Path = "event_date=" + d + "/part-0.parquet",
                PartitionValues = new Dictionary<string, string?> { ["event_date"] = d },
                Size = 10,
            }).ToList(),
            [],
            new Dictionary<string, TransactionAction>(),
            new Dictionary<string, DomainMetadataAction>(),
            [],
            null);
}
