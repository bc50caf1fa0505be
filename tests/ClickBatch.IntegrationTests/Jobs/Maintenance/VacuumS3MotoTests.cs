using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Maintenance;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.IntegrationTests.Jobs.Maintenance;

/// <summary>Vacuum on an S3 lake (moto_server): the whole-table listing, deletes and the hidden-folder rule over S3.</summary>
[Collection(MotoCollection.Name)]
public sealed class VacuumS3MotoTests(MotoServerFixture moto)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task ExecuteAsync_S3Table_DeletesOnlyTheOldUnreferencedObject()
    {
        var lake = "s3://" + await moto.CreateBucketAsync() + "/prod";
        var store = S3DeltaTables.Store(moto, lake + "/clicks");
        var (table, v0) = await S3DeltaTables.CreateAsync(store);
        await S3DeltaTables.AppendAsync(table, v0, S3DeltaTables.File("2024-01-01", "a.parquet"));
        foreach (var key in new[] { "event_date=2024-01-01/a.parquet", "event_date=2024-01-01/orphan.parquet", "_clickbatch_tmp/x.parquet" })
        {
            await store.PutAsync(key, new byte[] { 1, 2, 3 }, Ct);
        }

        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow() + TimeSpan.FromDays(8));
        var job = new VacuumJob(uri => S3DeltaTables.Store(moto, uri), clock, NullLoggerFactory.Instance);
        var result = await job.ExecuteAsync(new VacuumOptions { LakeUri = lake, Tables = ["clicks"] }, Ct);

        result.Single().Deleted.ShouldBe(["event_date=2024-01-01/orphan.parquet"]);
        (await store.ExistsAsync("event_date=2024-01-01/orphan.parquet", Ct)).ShouldBeFalse();
        (await store.ExistsAsync("event_date=2024-01-01/a.parquet", Ct)).ShouldBeTrue();
        (await store.ExistsAsync("_clickbatch_tmp/x.parquet", Ct)).ShouldBeTrue();
        (await store.ExistsAsync("_delta_log/00000000000000000001.json", Ct)).ShouldBeTrue();
    }
}
