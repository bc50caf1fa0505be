using System.Net;
using System.Text.Json;
using ClickBatch.Aws;
using ClickBatch.Catalog.Redshift;
using ClickBatch.Errors;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Catalog.Redshift;

public sealed class RedshiftDataClientTests
{
    private static readonly RedshiftTarget Cluster = new() { Database = "dev", ClusterIdentifier = "c1", DbUser = "loader" };
    private static readonly RedshiftPollOptions Poll = new() { PollInterval = TimeSpan.FromSeconds(1) };

    private readonly WaitRecordingClock clock = new(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));

    [Fact]
    public async Task ExecuteStatementAsync_ProvisionedCluster_SendsClusterDatabaseUserAndSql()
    {
        var handler = FakeHttpHandler.Sequence(() => Json("""{"Id":"st-1","ClusterIdentifier":"c1"}"""));

        var id = await Client(handler).ExecuteStatementAsync(Cluster, "select 1", CancellationToken.None);

        id.ShouldBe("st-1");
        handler.Requests.Single().Target.ShouldBe("RedshiftData.ExecuteStatement");
        handler.Requests.Single().Body.ShouldBe("""{"Database":"dev","ClusterIdentifier":"c1","DbUser":"loader","Sql":"select 1"}""");
    }

    [Fact]
    public async Task ExecuteStatementAsync_ServerlessWorkgroup_SendsWorkgroupOnly()
    {
        var handler = FakeHttpHandler.Sequence(() => Json("""{"Id":"st-2"}"""));

        await Client(handler).ExecuteStatementAsync(new RedshiftTarget { Database = "dev", WorkgroupName = "wg" }, "select 1", CancellationToken.None);

        handler.Requests.Single().Body.ShouldBe("""{"Database":"dev","WorkgroupName":"wg","Sql":"select 1"}""");
    }

    [Fact]
    public async Task ExecuteStatementAsync_InvalidTarget_ReportsEveryProblemWithoutCalling()
    {
        var handler = FakeHttpHandler.Sequence(() => Json("{}"));

        var error = await Should.ThrowAsync<ConfigurationException>(
            () => Client(handler).ExecuteStatementAsync(new RedshiftTarget { Database = " " }, "select 1", CancellationToken.None));

        error.Problems.Count.ShouldBe(2);
        error.Problems.ShouldContain(p => p.StartsWith("Redshift database is empty"));
        error.Problems.ShouldContain(p => p.StartsWith("Redshift target needs exactly one of a cluster identifier") && p.Contains("found neither"));
        handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task WaitForCompletionAsync_SubmittedThenStartedThenFinished_ReturnsTheFinishedStatement()
    {
        var handler = Statuses("SUBMITTED", "STARTED", "FINISHED");

        var statement = await clock.DriveAsync(Client(handler).WaitForCompletionAsync("st-1", TimeSpan.FromMinutes(1), CancellationToken.None));

        statement.Status.ShouldBe(RedshiftStatementStatus.Finished);
        statement.HasResultSet.ShouldBeTrue();
        handler.Requests.Select(r => r.Target).ShouldBe(Enumerable.Repeat("RedshiftData.DescribeStatement", 3));
        handler.Requests[0].Body.ShouldBe("""{"Id":"st-1"}""");
    }

    [Fact]
    public async Task WaitForCompletionAsync_Failed_SurfacesRedshiftsError()
    {
        var handler = FakeHttpHandler.Sequence(
            () => Json("""{"Id":"st-1","Status":"STARTED"}"""),
            () => Json("""{"Id":"st-1","Status":"FAILED","Error":"ERROR: relation \"spectrum.clicks\" does not exist"}"""));

        var error = await Should.ThrowAsync<RedshiftStatementException>(
            () => clock.DriveAsync(Client(handler).WaitForCompletionAsync("st-1", TimeSpan.FromMinutes(1), CancellationToken.None)));

        error.Status.ShouldBe("FAILED");
        error.StatementId.ShouldBe("st-1");
        error.Message.ShouldContain("relation \"spectrum.clicks\" does not exist");
    }

    [Fact]
    public async Task WaitForCompletionAsync_Aborted_Throws()
    {
        var error = await Should.ThrowAsync<RedshiftStatementException>(
            () => clock.DriveAsync(Client(Statuses("ABORTED")).WaitForCompletionAsync("st-1", TimeSpan.FromMinutes(1), CancellationToken.None)));

        error.Status.ShouldBe("ABORTED");
        error.Message.ShouldContain("aborted");
    }

    [Fact]
    public async Task WaitForCompletionAsync_NeverFinishes_TimesOutAndCancelsTheStatement()
    {
        var handler = new FakeHttpHandler(r => r.Target == "RedshiftData.CancelStatement"
            ? Json("""{"Status":true}""")
            : Json("""{"Id":"st-1","Status":"STARTED"}"""));

        var timeout = TimeSpan.FromSeconds(5);

        var error = await Should.ThrowAsync<RedshiftStatementException>(
            () => clock.DriveAsync(Client(handler).WaitForCompletionAsync("st-1", timeout, CancellationToken.None)));

        error.Status.ShouldBe("STARTED");
        error.Message.ShouldContain("did not finish within " + timeout);
        handler.Requests.Last().Target.ShouldBe("RedshiftData.CancelStatement");
        // One DescribeStatement at the start and one after each poll interval, up to and including the timeout.
        var intervals = (int)(timeout / Poll.PollInterval);
        clock.Waits.ShouldBe(Enumerable.Repeat(Poll.PollInterval, intervals));
        handler.Requests.Count(r => r.Target == "RedshiftData.DescribeStatement").ShouldBe(intervals + 1);
    }

    [Theory]
    [InlineData("""{"Records":[[{"longValue":42}]],"TotalNumRows":1}""", 42L)]
    [InlineData("""{"Records":[[{"stringValue":"17"}]],"TotalNumRows":1}""", 17L)]
    [InlineData("""{"Records":[[{"isNull":true}]],"TotalNumRows":1}""", null)]
    public async Task GetSingleLongAsync_OneCell_ReadsIt(string json, long? expected)
    {
        var handler = FakeHttpHandler.Sequence(() => Json(json));

        (await Client(handler).GetSingleLongAsync("st-1", CancellationToken.None)).ShouldBe(expected);
        handler.Requests.Single().Target.ShouldBe("RedshiftData.GetStatementResult");
    }

    [Fact]
    public async Task GetSingleLongAsync_TwoRows_Throws()
    {
        var handler = FakeHttpHandler.Sequence(() => Json("""{"Records":[[{"longValue":1}],[{"longValue":2}]],"TotalNumRows":2}"""));

        var error = await Should.ThrowAsync<RedshiftStatementException>(() => Client(handler).GetSingleLongAsync("st-1", CancellationToken.None));

        error.Message.ShouldContain("2 row(s)");
    }

    private RedshiftDataClient Client(FakeHttpHandler handler) =>
        new(AwsTestClients.Json(handler, AwsService.RedshiftData, clock), clock, Poll);

    private static FakeHttpHandler Statuses(params string[] statuses) =>
        FakeHttpHandler.Sequence(statuses
            .Select(s => (Func<HttpResponseMessage>)(() => Json(JsonSerializer.Serialize(new { Id = "st-1", Status = s, HasResultSet = true, ResultRows = 1 }))))
            .ToArray());

    private static HttpResponseMessage Json(string json) => FakeHttpHandler.Json(HttpStatusCode.OK, json);
}
