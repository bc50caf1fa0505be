using ClickBatch.Catalog.Aws;
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
}
