using ClickBatch.Delta.Snapshots;
using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Delta;

/// <summary>
/// The Delta commit protocol on S3: a writer that loses a version to another (412 on If-None-Match: *) rebases
/// and commits the next one. The two writers take turns here: moto's conditional check is not locked, so a
/// truly concurrent race against moto would not prove atomicity (S3's check is; see shared notes/moto.md).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DeltaOnS3MotoTests(MotoServerFixture moto)
{
    [Fact]
    public async Task TwoWritersFromTheSameSnapshot_SecondLosesVersion1AndCommitsVersion2()
    {
        var bucket = await moto.CreateBucketAsync();
        var store = S3DeltaTables.Store(moto, "s3://" + bucket + "/lake/clicks");
        var (table, v0) = await S3DeltaTables.CreateAsync(store);

        var first = await S3DeltaTables.AppendAsync(table, v0, S3DeltaTables.File("2024-01-01", "a.parquet"));
        var second = await S3DeltaTables.AppendAsync(table, v0, S3DeltaTables.File("2024-01-02", "b.parquet"));

        (first.Version, first.Attempts).ShouldBe((1L, 1));
        (second.Version, second.Attempts).ShouldBe((2L, 2));
        var snapshot = await new DeltaLog(S3DeltaTables.Store(moto, "s3://" + bucket + "/lake/clicks")).GetSnapshotAsync(null, CancellationToken.None);
        snapshot.Version.ShouldBe(2);
        snapshot.ActiveFiles.Select(f => f.Path).Order(StringComparer.Ordinal).ShouldBe(["event_date=2024-01-01/a.parquet", "event_date=2024-01-02/b.parquet"]);
    }
}
