using System.Net;
using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Catalog.Redshift;
using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Aws;

/// <summary>Our SigV4 signatures checked by moto (botocore's signer on the server side), and a wrong secret refused.</summary>
[Collection(SigningMotoCollection.Name)]
public sealed class SignedRequestsMotoTests(SigningMotoServerFixture moto)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task GlueCalls_SignedWithTheRealKey_AreAccepted()
    {
        var glue = new GlueClient(moto.CreateJsonClient(AwsService.Glue));
        var database = MotoServerFixture.UniqueName("db");

        (await glue.EnsureDatabaseAsync(database, "signed", Ct)).ShouldBeTrue();
        await glue.CreateTableAsync(database, new GlueTableInput { Name = "t", StorageDescriptor = new GlueStorageDescriptor { Columns = [new GlueColumn("a", "map<string,array<int>>")] } }, Ct);

        (await glue.GetTableAsync(database, "t", Ct))!.StorageDescriptor!.Columns.Single().Type.ShouldBe("map<string,array<int>>");
    }

    [Fact]
    public async Task RedshiftDataCall_SignedWithTheRealKey_IsAccepted()
    {
        var client = new RedshiftDataClient(moto.CreateJsonClient(AwsService.RedshiftData), TimeProvider.System);

        var id = await client.ExecuteStatementAsync(new RedshiftTarget { Database = "dev", WorkgroupName = "wg" }, "select 1", Ct);

        id.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task GlueCall_WrongSecret_FailsWithSignatureDoesNotMatchAndNoRetry()
    {
        var counting = new CountingHandler();
        var client = moto.CreateJsonClient(AwsService.Glue, counting, credentials: moto.Credentials with { SecretAccessKey = "wrong" });

        var error = await Should.ThrowAsync<AwsServiceException>(() => new GlueClient(client).GetTableAsync("db", "t", Ct));

        error.ErrorCode.ShouldBe("SignatureDoesNotMatch");
        error.HttpStatus.ShouldBe(HttpStatusCode.Forbidden);
        error.IsTransient.ShouldBeFalse();
        counting.Count("AWSGlue.GetTable").ShouldBe(1);
    }
}
