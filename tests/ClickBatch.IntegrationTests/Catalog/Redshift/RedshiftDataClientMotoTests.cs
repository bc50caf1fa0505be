using System.Text.Json;
using ClickBatch.Aws;
using ClickBatch.Catalog.Redshift;
using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Catalog.Redshift;

/// <summary>
/// The wire format against moto. moto's statements never leave STARTED (see shared notes/moto.md), so the
/// lifecycle itself is covered by unit tests with a fake handler; here only submission and description.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class RedshiftDataClientMotoTests(MotoServerFixture moto)
{
    [Fact]
    public async Task ExecuteStatementThenWait_MotoNeverFinishes_TimesOutNamingTheStatement()
    {
        var client = new RedshiftDataClient(moto.CreateJsonClient(AwsService.RedshiftData), TimeProvider.System,
            new RedshiftPollOptions { PollInterval = TimeSpan.FromMilliseconds(100) });
        var target = new RedshiftTarget { Database = "dev", ClusterIdentifier = MotoServerFixture.UniqueName("c"), DbUser = "loader" };

        var id = await client.ExecuteStatementAsync(target, "select count(*) from spectrum.clicks", CancellationToken.None);
        var error = await Should.ThrowAsync<RedshiftStatementException>(
            () => client.WaitForCompletionAsync(id, TimeSpan.FromMilliseconds(500), CancellationToken.None));

        id.ShouldNotBeNullOrWhiteSpace();
        error.StatementId.ShouldBe(id);
        error.Status.ShouldBe(RedshiftStatementStatus.Started);
    }

    [Fact]
    public async Task ExecuteStatementAsync_WithParametersOnAWorkgroup_StoresTheSqlAndParameters()
    {
        var json = moto.CreateJsonClient(AwsService.RedshiftData);
        var client = new RedshiftDataClient(json, TimeProvider.System);
        var target = new RedshiftTarget { Database = "dev", WorkgroupName = MotoServerFixture.UniqueName("wg") };
        const string Sql = "select count(*) from spectrum.clicks where event_date = :p0";
        var parameter = new RedshiftParameter("p0", "2024-01-01");

        var id = await client.ExecuteStatementAsync(target, Sql, [parameter], CancellationToken.None);

        // The product's RedshiftStatement does not carry the query, so ask DescribeStatement directly.
        var described = await json.SendAsync<object, JsonElement>("DescribeStatement", new { Id = id }, CancellationToken.None);
        described.GetProperty("Id").GetString().ShouldBe(id);
        described.GetProperty("Database").GetString().ShouldBe(target.Database);
        described.GetProperty("QueryString").GetString().ShouldBe(Sql);
        var sent = described.GetProperty("QueryParameters").EnumerateArray()
            .Select(p => (Name: p.GetProperty("name").GetString(), Value: p.GetProperty("value").GetString()))
            .ToList();
        sent.ShouldBe([(parameter.Name, parameter.Value)]);
    }
}
