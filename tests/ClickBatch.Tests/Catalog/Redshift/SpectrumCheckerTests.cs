using System.Net;
using System.Text.Json;
using ClickBatch.Aws;
using ClickBatch.Catalog.Redshift;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Catalog.Redshift;

public sealed class SpectrumCheckerTests
{
    private static readonly RedshiftTarget Target = new() { Database = "dev", WorkgroupName = "wg" };
    private readonly Queue<long> counts = new();
    private readonly FakeHttpHandler handler;

    public SpectrumCheckerTests()
    {
        handler = new FakeHttpHandler(r => r.Target switch
        {
            "RedshiftData.ExecuteStatement" => Json("""{"Id":"st-1"}"""),
            "RedshiftData.DescribeStatement" => Json("""{"Id":"st-1","Status":"FINISHED","HasResultSet":true}"""),
            _ => Json("{\"Records\":[[{\"longValue\":" + counts.Dequeue() + "}]],\"TotalNumRows\":1}"),
        });
    }

    [Fact]
    public async Task EnsureExternalSchemaAsync_SendsCreateExternalSchemaWithEscapedNames()
    {
        await Checker().EnsureExternalSchemaAsync("spectrum", "click's", "arn:aws:iam::123456789012:role/spectrum", CancellationToken.None);

        Sql(0).ShouldBe("CREATE EXTERNAL SCHEMA IF NOT EXISTS \"spectrum\" FROM DATA CATALOG DATABASE 'click''s' IAM_ROLE 'arn:aws:iam::123456789012:role/spectrum'");
        handler.Requests.Select(r => r.Target).ShouldBe(["RedshiftData.ExecuteStatement", "RedshiftData.DescribeStatement"]);
    }

    [Fact]
    public async Task CountAsync_Partition_PassesValuesAsParametersAndNullAsIsNull()
    {
        counts.Enqueue(42);
        var partition = new Dictionary<string, string?> { ["event_date"] = "2024-01-01' OR '1'='1", ["country"] = null };

        var count = await Checker().CountAsync("spectrum", "clicks", partition, CancellationToken.None);

        count.ShouldBe(42);
        Sql(0).ShouldBe("SELECT COUNT(*) FROM \"spectrum\".\"clicks\" WHERE \"country\" IS NULL AND \"event_date\" = :p0");
        var parameters = Body(0).GetProperty("Parameters");
        parameters.GetArrayLength().ShouldBe(1);
        parameters[0].GetProperty("name").GetString().ShouldBe("p0");
        parameters[0].GetProperty("value").GetString().ShouldBe("2024-01-01' OR '1'='1");
    }

    [Fact]
    public async Task CheckAsync_OneCountDiffers_ReportsOnlyThatPartition()
    {
        counts.Enqueue(10);
        counts.Enqueue(7);
        var day1 = new Dictionary<string, string?> { ["event_date"] = "2024-01-01" };
        var day2 = new Dictionary<string, string?> { ["event_date"] = "2024-01-02" };

        var mismatches = await Checker().CheckAsync("spectrum", [new("clicks", day1, 10), new("clicks", day2, 9)], CancellationToken.None);

        mismatches.Count.ShouldBe(1);
        (mismatches[0].Table, mismatches[0].Partition, mismatches[0].Expected, mismatches[0].Actual).ShouldBe(("clicks", day2, 9L, 7L));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    public async Task ReadsGlueDatabaseAsync_AsksSvvExternalSchemasWithParameters(long rows, bool expected)
    {
        counts.Enqueue(rows);

        var reads = await Checker().ReadsGlueDatabaseAsync("spectrum", "click's", CancellationToken.None);

        reads.ShouldBe(expected);
        Sql(0).ShouldBe("SELECT COUNT(*) FROM svv_external_schemas WHERE schemaname = :schema AND databasename = :database");
        var parameters = Body(0).GetProperty("Parameters");
        (parameters[0].GetProperty("value").GetString(), parameters[1].GetProperty("value").GetString()).ShouldBe(("spectrum", "click's"));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("we\"ird", "\"we\"\"ird\"")]
    public void QuoteIdentifier_DoublesQuotes(string name, string expected)
    {
        SpectrumChecker.QuoteIdentifier(name).ShouldBe(expected);
    }

    [Fact]
    public void QuoteLiteral_EscapesQuotesAndBackslashes()
    {
        SpectrumChecker.QuoteLiteral("a'b\\c").ShouldBe("'a''b\\\\c'");
    }

    private SpectrumChecker Checker()
    {
        var clock = TimeProvider.System;
        var client = new RedshiftDataClient(AwsTestClients.Json(handler, AwsService.RedshiftData, clock), clock);
        return new SpectrumChecker(client, Target, TimeSpan.FromSeconds(30));
    }

    private JsonElement Body(int request) =>
        JsonDocument.Parse(handler.Requests.Where(r => r.Target == "RedshiftData.ExecuteStatement").ElementAt(request).Body).RootElement;

    private string Sql(int request) => Body(request).GetProperty("Sql").GetString()!;

    private static HttpResponseMessage Json(string json) => FakeHttpHandler.Json(HttpStatusCode.OK, json);
}
