using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Catalog.Glue;

[Collection(MotoCollection.Name)]
public sealed class GlueClientMotoTests(MotoServerFixture moto)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly IReadOnlyList<GlueColumn> Columns =
    [
        new("event_id", "string"),
        new("amount", "decimal(18,4)"),
        new("device", "struct<os:string,version:int>"),
        new("tags", "array<string>"),
        new("attributes", "map<string,string>"),
    ];

    [Fact]
    public async Task EnsureDatabaseAsync_Twice_CreatesOnceThenFindsIt()
    {
        var glue = new GlueClient(moto.CreateJsonClient(AwsService.Glue));
        var database = MotoServerFixture.UniqueName("db");

        (await glue.EnsureDatabaseAsync(database, "ClickBatch lake", None)).ShouldBeTrue();
        (await glue.EnsureDatabaseAsync(database, "ClickBatch lake", None)).ShouldBeFalse();
    }

    [Fact]
    public async Task TableLifecycle_CreateGetUpdateDelete_RoundTripsNestedTypesAndFormats()
    {
        var glue = new GlueClient(moto.CreateJsonClient(AwsService.Glue));
        var database = await NewDatabaseAsync(glue);
        var input = Table("clicks", Columns);

        await glue.CreateTableAsync(database, input, None);
        var created = await glue.GetTableAsync(database, "clicks", None);

        created.ShouldNotBeNull();
        created.StorageDescriptor!.Columns.ShouldBe(Columns);
        created.PartitionKeys.ShouldBe([new GlueColumn("event_date", "string")]);
        created.TableType.ShouldBe("EXTERNAL_TABLE");
        created.Parameters!["delta.location"].ShouldBe("s3://lake/clicks");
        created.StorageDescriptor.Location.ShouldBe("s3://lake/clicks/_symlink_format_manifest/");
        created.StorageDescriptor.InputFormat.ShouldBe(GlueFormats.SymlinkTextInputFormat);
        created.StorageDescriptor.OutputFormat.ShouldBe(GlueFormats.HiveIgnoreKeyTextOutputFormat);
        created.StorageDescriptor.SerdeInfo!.SerializationLibrary.ShouldBe(GlueFormats.ParquetHiveSerDe);

        var evolved = Columns.Append(new GlueColumn("referrer", "string")).ToList();
        await glue.UpdateTableAsync(database, Table("clicks", evolved), created.VersionId, None);
        (await glue.GetTableAsync(database, "clicks", None))!.StorageDescriptor!.Columns.ShouldBe(evolved);

        (await glue.DeleteTableAsync(database, "clicks", None)).ShouldBeTrue();
        (await glue.GetTableAsync(database, "clicks", None)).ShouldBeNull();
        (await glue.DeleteTableAsync(database, "clicks", None)).ShouldBeFalse();
    }

    [Fact]
    public async Task Partitions_250Created_InThreeCallsThenListedAndDeleted()
    {
        var counting = new CountingHandler();
        var glue = new GlueClient(moto.CreateJsonClient(AwsService.Glue, counting));
        var database = await NewDatabaseAsync(glue);
        await glue.CreateTableAsync(database, Table("clicks", Columns), None);
        var partitions = Enumerable.Range(0, 250).Select(i => Partition(new DateOnly(2024, 1, 1).AddDays(i))).ToList();

        (await glue.BatchCreatePartitionsAsync(database, "clicks", partitions, None)).ShouldBe(250);
        counting.Count("AWSGlue.BatchCreatePartition").ShouldBe(3);

        var listed = await glue.GetPartitionsAsync(database, "clicks", null, None);
        listed.Select(p => p.Values.Single()).Order(StringComparer.Ordinal).ShouldBe(partitions.Select(p => p.Values.Single()));
        listed.Single(p => p.Values[0] == "2024-01-05").StorageDescriptor!.Location
            .ShouldBe("s3://lake/clicks/_symlink_format_manifest/event_date=2024-01-05/");

        (await glue.BatchCreatePartitionsAsync(database, "clicks", partitions.Take(10).ToList(), None)).ShouldBe(0);

        var doomed = partitions.Take(30).Select(p => p.Values).ToList();
        await glue.BatchDeletePartitionsAsync(database, "clicks", doomed, None);
        counting.Count("AWSGlue.BatchDeletePartition").ShouldBe(2);
        var remaining = await glue.GetPartitionsAsync(database, "clicks", null, None);
        remaining.Count.ShouldBe(220);
        remaining.ShouldNotContain(p => p.Values[0] == "2024-01-01");
    }

    [Fact]
    public async Task UpdateTableAsync_MissingTable_NamesEntityNotFoundException()
    {
        var glue = new GlueClient(moto.CreateJsonClient(AwsService.Glue));
        var database = await NewDatabaseAsync(glue);

        var error = await Should.ThrowAsync<AwsServiceException>(() => glue.UpdateTableAsync(database, Table("nope", Columns), null, None));

        error.ErrorCode.ShouldBe("EntityNotFoundException");
        error.Operation.ShouldBe("UpdateTable");
        error.Message.ShouldContain("UpdateTable");
        error.Message.ShouldContain("EntityNotFoundException");
        error.IsTransient.ShouldBeFalse();
    }

    private static async Task<string> NewDatabaseAsync(GlueClient glue)
    {
        var database = MotoServerFixture.UniqueName("db");
        await glue.EnsureDatabaseAsync(database, null, None);
        return database;
    }

    private static GlueTableInput Table(string name, IReadOnlyList<GlueColumn> columns) => new()
    {
        Name = name,
        TableType = GlueFormats.ExternalTable,
        Parameters = new Dictionary<string, string> { ["delta.location"] = "s3://lake/" + name, ["EXTERNAL"] = "TRUE" },
        StorageDescriptor = new GlueStorageDescriptor
        {
            Columns = columns,
            Location = "s3://lake/" + name + "/_symlink_format_manifest/",
            InputFormat = GlueFormats.SymlinkTextInputFormat,
            OutputFormat = GlueFormats.HiveIgnoreKeyTextOutputFormat,
            SerdeInfo = new GlueSerDeInfo(null, GlueFormats.ParquetHiveSerDe, new Dictionary<string, string> { ["serialization.format"] = "1" }),
        },
        PartitionKeys = [new GlueColumn("event_date", "string")],
    };

    private static GluePartitionInput Partition(DateOnly day)
    {
        var value = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new GluePartitionInput(
            [value],
            new GlueStorageDescriptor
            {
                Columns = Columns,
                Location = "s3://lake/clicks/_symlink_format_manifest/event_date=" + value + "/",
                InputFormat = GlueFormats.SymlinkTextInputFormat,
                OutputFormat = GlueFormats.HiveIgnoreKeyTextOutputFormat,
                SerdeInfo = new GlueSerDeInfo(null, GlueFormats.ParquetHiveSerDe),
            });
    }
}
