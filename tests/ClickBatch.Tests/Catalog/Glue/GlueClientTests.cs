using System.Net;
using System.Text.Json;
using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Catalog.Glue;

public sealed class GlueClientTests
{
    private static readonly Func<HttpResponseMessage> Ok = () => FakeHttpHandler.Json(HttpStatusCode.OK, "{}");

    [Fact]
    public async Task EnsureDatabaseAsync_Exists_OnlyReadsIt()
    {
        var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK, """{"Database":{"Name":"db"}}"""));

        var created = await Client(handler).EnsureDatabaseAsync("db", null, CancellationToken.None);

        created.ShouldBeFalse();
        handler.Requests.Select(r => r.Target).ShouldBe(["AWSGlue.GetDatabase"]);
    }

    [Fact]
    public async Task EnsureDatabaseAsync_Missing_CreatesIt()
    {
        var handler = FakeHttpHandler.Sequence(NotFound, Ok);

        var created = await Client(handler).EnsureDatabaseAsync("db", "clicks lake", CancellationToken.None);

        created.ShouldBeTrue();
        handler.Requests[1].Target.ShouldBe("AWSGlue.CreateDatabase");
        handler.Requests[1].Body.ShouldBe("""{"DatabaseInput":{"Name":"db","Description":"clicks lake"}}""");
    }

    [Fact]
    public async Task EnsureDatabaseAsync_CreatedConcurrently_ReturnsFalse()
    {
        var handler = FakeHttpHandler.Sequence(NotFound, () => Error("AlreadyExistsException"));

        (await Client(handler).EnsureDatabaseAsync("db", null, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task GetTableAsync_Missing_ReturnsNull()
    {
        (await Client(FakeHttpHandler.Sequence(NotFound)).GetTableAsync("db", "t", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task GetTableAsync_OtherError_Throws()
    {
        var error = await Should.ThrowAsync<AwsServiceException>(
            () => Client(FakeHttpHandler.Sequence(() => Error("AccessDeniedException"))).GetTableAsync("db", "t", CancellationToken.None));

        error.ErrorCode.ShouldBe("AccessDeniedException");
    }

    [Fact]
    public async Task CreateTableAsync_SendsGlueJsonNames()
    {
        var handler = FakeHttpHandler.Sequence(Ok);
        var input = new GlueTableInput
        {
            Name = "clicks",
            TableType = GlueFormats.ExternalTable,
            Parameters = new Dictionary<string, string> { ["delta.source"] = "s3://b/clicks" },
            StorageDescriptor = new GlueStorageDescriptor
            {
                Columns = [new GlueColumn("id", "bigint")],
                Location = "s3://b/clicks/_symlink_format_manifest/",
                InputFormat = GlueFormats.SymlinkTextInputFormat,
                OutputFormat = GlueFormats.HiveIgnoreKeyTextOutputFormat,
                SerdeInfo = new GlueSerDeInfo(null, GlueFormats.ParquetHiveSerDe),
            },
            PartitionKeys = [new GlueColumn("event_date", "string")],
        };

        await Client(handler).CreateTableAsync("db", input, CancellationToken.None);

        using var body = JsonDocument.Parse(handler.Requests.Single().Body);
        var root = body.RootElement;
        root.GetProperty("DatabaseName").GetString().ShouldBe("db");
        var table = root.GetProperty("TableInput");
        table.GetProperty("Name").GetString().ShouldBe("clicks");
        table.GetProperty("TableType").GetString().ShouldBe("EXTERNAL_TABLE");
        table.GetProperty("Parameters").GetProperty("delta.source").GetString().ShouldBe("s3://b/clicks");
        table.GetProperty("PartitionKeys")[0].GetProperty("Name").GetString().ShouldBe("event_date");
        var sd = table.GetProperty("StorageDescriptor");
        sd.GetProperty("Columns")[0].GetProperty("Type").GetString().ShouldBe("bigint");
        sd.GetProperty("Location").GetString().ShouldBe("s3://b/clicks/_symlink_format_manifest/");
        sd.GetProperty("InputFormat").GetString().ShouldBe("org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat");
        sd.GetProperty("OutputFormat").GetString().ShouldBe("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        sd.GetProperty("SerdeInfo").GetProperty("SerializationLibrary").GetString().ShouldBe("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        sd.TryGetProperty("Compressed", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task GetPartitionsAsync_SeveralPages_FollowsNextToken()
    {
        var handler = FakeHttpHandler.Sequence(
            () => FakeHttpHandler.Json(HttpStatusCode.OK, """{"Partitions":[{"Values":["2024-01-01"]},{"Values":["2024-01-02"]}],"NextToken":"t1"}"""),
            () => FakeHttpHandler.Json(HttpStatusCode.OK, """{"Partitions":[{"Values":["2024-01-03"]}]}"""));

        var partitions = await Client(handler).GetPartitionsAsync("db", "t", "event_date > '2023'", CancellationToken.None);

        partitions.Select(p => p.Values[0]).ShouldBe(["2024-01-01", "2024-01-02", "2024-01-03"]);
        handler.Requests[0].Body.ShouldBe("""{"DatabaseName":"db","TableName":"t","Expression":"event_date \u003E \u00272023\u0027"}""");
        handler.Requests[1].Body.ShouldContain("\"NextToken\":\"t1\"");
    }

    [Fact]
    public async Task GetPartitionsAsync_SameTokenTwice_StopsWithAnError()
    {
        var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK, """{"Partitions":[],"NextToken":"again"}"""));

        await Should.ThrowAsync<InvalidOperationException>(() => Client(handler).GetPartitionsAsync("db", "t", null, CancellationToken.None));
        handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task BatchCreatePartitionsAsync_250Partitions_SendsBatchesOfAtMost100()
    {
        var handler = FakeHttpHandler.Sequence(Ok);

        var created = await Client(handler).BatchCreatePartitionsAsync("db", "t", Partitions(250), CancellationToken.None);

        created.ShouldBe(250);
        handler.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("PartitionInputList").GetArrayLength()).ShouldBe([100, 100, 50]);
        handler.Requests.ShouldAllBe(r => r.Target == "AWSGlue.BatchCreatePartition");
    }

    [Fact]
    public async Task BatchCreatePartitionsAsync_SomeAlreadyExist_ToleratesThem()
    {
        var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK,
            """{"Errors":[{"PartitionValues":["p1"],"ErrorDetail":{"ErrorCode":"AlreadyExistsException","ErrorMessage":"exists"}}]}"""));

        (await Client(handler).BatchCreatePartitionsAsync("db", "t", Partitions(3), CancellationToken.None)).ShouldBe(2);
    }

    [Fact]
    public async Task BatchCreatePartitionsAsync_OtherItemError_ThrowsListingThePartition()
    {
        var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK,
            """{"Errors":[{"PartitionValues":["p2"],"ErrorDetail":{"ErrorCode":"InvalidInputException","ErrorMessage":"bad location"}}]}"""));

        var error = await Should.ThrowAsync<GluePartitionBatchException>(() => Client(handler).BatchCreatePartitionsAsync("db", "t", Partitions(3), CancellationToken.None));

        error.Message.ShouldContain("BatchCreatePartition");
        error.Message.ShouldContain("db.t");
        error.Message.ShouldContain("[p2] InvalidInputException: bad location");
        error.IsTransient.ShouldBeFalse();
    }

    [Fact]
    public async Task BatchDeletePartitionsAsync_60Partitions_SendsBatchesOfAtMost25AndIgnoresMissing()
    {
        var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK,
            """{"Errors":[{"PartitionValues":["p0"],"ErrorDetail":{"ErrorCode":"EntityNotFoundException","ErrorMessage":"gone"}}]}"""));
        var values = Enumerable.Range(0, 60).Select(i => (IReadOnlyList<string>)["p" + i]).ToList();

        await Client(handler).BatchDeletePartitionsAsync("db", "t", values, CancellationToken.None);

        handler.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("PartitionsToDelete").GetArrayLength()).ShouldBe([25, 25, 10]);
        handler.Requests[0].Body.ShouldContain("""{"Values":["p0"]}""");
    }

    [Fact]
    public async Task BatchUpdatePartitionsAsync_150Partitions_SendsEntriesInBatchesOf100()
    {
        var handler = FakeHttpHandler.Sequence(Ok);

        await Client(handler).BatchUpdatePartitionsAsync("db", "t", Partitions(150), CancellationToken.None);

        handler.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("Entries").GetArrayLength()).ShouldBe([100, 50]);
        var entry = JsonDocument.Parse(handler.Requests[0].Body).RootElement.GetProperty("Entries")[0];
        entry.GetProperty("PartitionValueList")[0].GetString().ShouldBe("p0");
        entry.GetProperty("PartitionInput").GetProperty("StorageDescriptor").GetProperty("Location").GetString().ShouldBe("s3://b/t/_symlink_format_manifest/p=0/");
    }

    [Fact]
    public async Task BatchUpdatePartitionsAsync_ItemFails_ThrowsNamingItsValues()
    {
        var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK,
            """{"Errors":[{"PartitionValueList":["p1"],"ErrorDetail":{"ErrorCode":"EntityNotFoundException","ErrorMessage":"no such partition"}}]}"""));

        var error = await Should.ThrowAsync<GluePartitionBatchException>(() => Client(handler).BatchUpdatePartitionsAsync("db", "t", Partitions(2), CancellationToken.None));

        error.Message.ShouldContain("[p1] EntityNotFoundException: no such partition");
    }

    private static GlueClient Client(FakeHttpHandler handler) => new(AwsTestClients.Json(handler, AwsService.Glue));

    private static HttpResponseMessage NotFound() => Error("EntityNotFoundException");

    private static HttpResponseMessage Error(string code) =>
        FakeHttpHandler.Json(HttpStatusCode.BadRequest, "{\"__type\":\"" + code + "\",\"message\":\"x\"}");

    private static List<GluePartitionInput> Partitions(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new GluePartitionInput(["p" + i], new GlueStorageDescriptor { Location = "s3://b/t/_symlink_format_manifest/p=" + i + "/" }))
            .ToList();
}
