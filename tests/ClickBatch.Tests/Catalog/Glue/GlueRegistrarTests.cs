using ClickBatch.Catalog.Glue;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Schema;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Catalog.Glue;

public sealed class GlueRegistrarTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly Uri Root = new("s3://lake/prod/clicks/");

    private static readonly StructType Schema = new(
    [
        new StructField("event_id", PrimitiveType.String),
        new StructField("amount", new DecimalType(18, 4)),
        new StructField("device", new StructType([new StructField("os", PrimitiveType.String)])),
        new StructField("event_date", PrimitiveType.Date),
    ]);

    private readonly FakeGlueCatalog glue = new();

    [Fact]
    public async Task RegisterAsync_NewTable_CreatesSpectrumTableAndOnePartitionPerValue()
    {
        var snapshot = SnapshotBuilder.Create(Schema, ["event_date"],
        [
            SnapshotBuilder.File("event_date=2024-01-01/a.parquet", ("event_date", "2024-01-01")),
            SnapshotBuilder.File("event_date=2024-01-01/b.parquet", ("event_date", "2024-01-01")),
            SnapshotBuilder.File("event_date=2024-01-02/c.parquet", ("event_date", "2024-01-02")),
        ]);

        var result = await new GlueRegistrar(glue).RegisterAsync("db", "clicks", snapshot, Root, Ct);

        result.ShouldBe(new GlueRegistration("db", "clicks", 3, GlueTableAction.Created, 2, 0));
        var table = glue.TableNamed("clicks")!;
        table.StorageDescriptor!.Columns.ShouldBe([new("event_id", "string"), new("amount", "decimal(18,4)"), new("device", "struct<os:string>")]);
        table.PartitionKeys.ShouldBe([new GlueColumn("event_date", "date")]);
        table.TableType.ShouldBe("EXTERNAL_TABLE");
        table.StorageDescriptor.Location.ShouldBe("s3://lake/prod/clicks/_symlink_format_manifest/");
        table.StorageDescriptor.InputFormat.ShouldBe("org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat");
        table.StorageDescriptor.OutputFormat.ShouldBe("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        table.StorageDescriptor.SerdeInfo!.SerializationLibrary.ShouldBe("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        table.Parameters!["clickbatch.delta.location"].ShouldBe("s3://lake/prod/clicks/");
        table.Parameters["clickbatch.delta.tableId"].ShouldBe("table-id-1");
        glue.PartitionsOf("clicks").Select(p => p.StorageDescriptor!.Location).Order(StringComparer.Ordinal).ShouldBe(
        [
            "s3://lake/prod/clicks/_symlink_format_manifest/event_date=2024-01-01/",
            "s3://lake/prod/clicks/_symlink_format_manifest/event_date=2024-01-02/",
        ]);
    }

    [Fact]
    public async Task RegisterAsync_SameSnapshotTwice_ChangesNothingTheSecondTime()
    {
        var snapshot = SnapshotBuilder.Create(Schema, ["event_date"], [SnapshotBuilder.File("a.parquet", ("event_date", "2024-01-01"))]);
        var registrar = new GlueRegistrar(glue);
        await registrar.RegisterAsync("db", "clicks", snapshot, Root, Ct);
        glue.Calls.Clear();

        var second = await registrar.RegisterAsync("db", "clicks", snapshot, Root, Ct);

        second.TableAction.ShouldBe(GlueTableAction.Unchanged);
        (second.PartitionsAdded, second.PartitionsRemoved).ShouldBe((0, 0));
        glue.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task RegisterAsync_PartitionLeftEmptyAndNewOne_RemovesAndAdds()
    {
        var registrar = new GlueRegistrar(glue);
        await registrar.RegisterAsync("db", "clicks", SnapshotBuilder.Create(Schema, ["event_date"],
            [SnapshotBuilder.File("a.parquet", ("event_date", "2024-01-01")), SnapshotBuilder.File("b.parquet", ("event_date", "2024-01-02"))]), Root, Ct);

        var result = await registrar.RegisterAsync("db", "clicks", SnapshotBuilder.Create(Schema, ["event_date"],
            [SnapshotBuilder.File("b.parquet", ("event_date", "2024-01-02")), SnapshotBuilder.File("c.parquet", ("event_date", "2024-01-03"))]), Root, Ct);

        (result.PartitionsAdded, result.PartitionsRemoved).ShouldBe((1, 1));
        glue.PartitionsOf("clicks").Select(p => p.Values.Single()).Order(StringComparer.Ordinal).ShouldBe(["2024-01-02", "2024-01-03"]);
    }

    [Fact]
    public async Task RegisterAsync_SchemaEvolved_UpdatesColumnsWithTheSeenVersion()
    {
        var registrar = new GlueRegistrar(glue);
        await registrar.RegisterAsync("db", "clicks", SnapshotBuilder.Create(Schema, ["event_date"], []), Root, Ct);
        var evolved = new StructType(Schema.Fields.Append(new StructField("referrer", PrimitiveType.String)).ToList());

        var result = await registrar.RegisterAsync("db", "clicks", SnapshotBuilder.Create(evolved, ["event_date"], []), Root, Ct);

        result.TableAction.ShouldBe(GlueTableAction.Updated);
        glue.TableNamed("clicks")!.StorageDescriptor!.Columns.Select(c => c.Name).ShouldBe(["event_id", "amount", "device", "referrer"]);
    }

    [Fact]
    public async Task RegisterAsync_SchemaEvolvedWithPartitions_UpdatesThePartitionColumnsToo()
    {
        var registrar = new GlueRegistrar(glue);
        AddFile[] files = [SnapshotBuilder.File("a.parquet", ("event_date", "2024-01-01")), SnapshotBuilder.File("b.parquet", ("event_date", "2024-01-02"))];
        await registrar.RegisterAsync("db", "clicks", SnapshotBuilder.Create(Schema, ["event_date"], files), Root, Ct);
        var evolved = new StructType(Schema.Fields.Append(new StructField("referrer", PrimitiveType.String)).ToList());

        var result = await registrar.RegisterAsync("db", "clicks", SnapshotBuilder.Create(evolved, ["event_date"], files), Root, Ct);

        (result.PartitionsAdded, result.PartitionsRemoved, result.PartitionsUpdated).ShouldBe((0, 0, 2));
        glue.PartitionsOf("clicks").ShouldAllBe(p => p.StorageDescriptor!.Columns.Last().Name == "referrer");
    }

    [Fact]
    public async Task RegisterAsync_PartitionKeysChanged_RecreatesTheTable()
    {
        var registrar = new GlueRegistrar(glue);
        await registrar.RegisterAsync("db", "clicks", SnapshotBuilder.Create(Schema, ["event_date"], [SnapshotBuilder.File("a.parquet", ("event_date", "2024-01-01"))]), Root, Ct);

        var result = await registrar.RegisterAsync("db", "clicks", SnapshotBuilder.Create(Schema, [], [SnapshotBuilder.File("a.parquet")]), Root, Ct);

        result.TableAction.ShouldBe(GlueTableAction.Recreated);
        glue.TableNamed("clicks")!.PartitionKeys.ShouldBeEmpty();
        glue.TableNamed("clicks")!.StorageDescriptor!.Columns.Count.ShouldBe(4);
        glue.PartitionsOf("clicks").ShouldBeEmpty();
    }

    [Fact]
    public async Task RegisterAsync_NullPartitionValue_UsesHiveDefaultPartition()
    {
        var snapshot = SnapshotBuilder.Create(Schema, ["event_date"], [SnapshotBuilder.File("a.parquet", ("event_date", null))]);

        await new GlueRegistrar(glue).RegisterAsync("db", "clicks", snapshot, Root, Ct);

        var partition = glue.PartitionsOf("clicks").Single();
        partition.Values.ShouldBe(["__HIVE_DEFAULT_PARTITION__"]);
        partition.StorageDescriptor!.Location.ShouldBe("s3://lake/prod/clicks/_symlink_format_manifest/event_date=__HIVE_DEFAULT_PARTITION__/");
    }
}
