using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Storage;

namespace ClickBatch.IntegrationTests.Storage;

[Collection(MotoCollection.Name)]
public sealed class S3ObjectStoreMotoTests(MotoServerFixture moto)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task PutIfAbsentAsync_KeyExists_ReturnsFalseAndKeepsFirstContent()
    {
        var store = await NewStoreAsync();

        (await store.PutIfAbsentAsync("_delta_log/00000000000000000000.json", Bytes("first"), Ct)).ShouldBeTrue();
        (await store.PutIfAbsentAsync("_delta_log/00000000000000000000.json", Bytes("second"), Ct)).ShouldBeFalse();

        Text(await store.ReadAllBytesAsync("_delta_log/00000000000000000000.json", Ct)).ShouldBe("first");
    }

    [Fact]
    public async Task ListAsync_PrefixStartAfterAndSmallPages_ReturnsSortedKeysAfterMarker()
    {
        var store = await NewStoreAsync(new S3StoreOptions { ListPageSize = 2 });
        foreach (var key in new[] { "_delta_log/2.json", "_delta_log/10.json", "_delta_log/1.json", "_delta_log/3.json", "_delta_log/_sidecars/a.parquet", "data/x.parquet" })
        {
            await store.PutAsync(key, Bytes(key), Ct);
        }

        var all = await store.ListAsync("_delta_log/", null, Ct).Select(o => o.Key).ToListAsync();
        var after = await store.ListAsync("_delta_log/", "_delta_log/10.json", Ct).Select(o => o.Key).ToListAsync();

        all.ShouldBe(["_delta_log/1.json", "_delta_log/10.json", "_delta_log/2.json", "_delta_log/3.json", "_delta_log/_sidecars/a.parquet"]);
        after.ShouldBe(["_delta_log/2.json", "_delta_log/3.json", "_delta_log/_sidecars/a.parquet"]);
    }

    [Fact]
    public async Task ListAsync_NothingUnderPrefix_ReturnsEmpty()
    {
        var store = await NewStoreAsync();

        (await store.ListAsync("_delta_log/", null, Ct).ToListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Store_RootedAtAPrefix_SeesOnlyItsOwnKeys()
    {
        var bucket = await moto.CreateBucketAsync();
        var clicks = Store(bucket, "lake/clicks");
        var checkouts = Store(bucket, "lake/checkouts");
        await clicks.PutAsync("_delta_log/0.json", Bytes("c"), Ct);
        await checkouts.PutAsync("_delta_log/0.json", Bytes("k"), Ct);

        (await clicks.ListAsync(string.Empty, null, Ct).Select(o => o.Key).ToListAsync()).ShouldBe(["_delta_log/0.json"]);
        clicks.GetAbsoluteUri("event_date=2024-01-01/part 1.parquet").AbsoluteUri.ShouldBe("s3://" + bucket + "/lake/clicks/event_date=2024-01-01/part%201.parquet");
        using var s3 = moto.CreateS3Client();
        using var raw = await s3.GetObjectAsync(bucket, "lake/checkouts/_delta_log/0.json");
        new StreamReader(raw.ResponseStream).ReadToEnd().ShouldBe("k");
    }

    [Fact]
    public async Task ReadAsync_MissingKey_ThrowsObjectNotFoundNamingUri()
    {
        var store = await NewStoreAsync();

        var error = await Should.ThrowAsync<ObjectNotFoundException>(() => store.ReadAllBytesAsync("_delta_log/_last_checkpoint", Ct));
        await Should.ThrowAsync<ObjectNotFoundException>(() => store.OpenReadAsync("_delta_log/_last_checkpoint", Ct));

        error.Message.ShouldContain("s3://");
        error.Message.ShouldContain("_delta_log/_last_checkpoint");
    }

    [Fact]
    public async Task ReadRangeAsync_Tail_ReturnsExactlyThoseBytes()
    {
        var store = await NewStoreAsync();
        await store.PutAsync("data/f.parquet", Bytes("0123456789PAR1"), Ct);

        Text(await store.ReadRangeAsync("data/f.parquet", 10, 4, Ct)).ShouldBe("PAR1");
        Text(await store.ReadRangeAsync("data/f.parquet", 2, 3, Ct)).ShouldBe("234");
    }

    [Fact]
    public async Task HeadExistsDelete_ExistingKey_ReportsSizeThenRemoves()
    {
        var store = await NewStoreAsync();
        await store.PutAsync("a/b.bin", new byte[] { 1, 2, 3 }, Ct);

        (await store.HeadAsync("a/b.bin", Ct))!.Size.ShouldBe(3);
        (await store.ExistsAsync("a/b.bin", Ct)).ShouldBeTrue();
        await using (var stream = await store.OpenReadAsync("a/b.bin", Ct))
        {
            stream.ReadByte().ShouldBe(1);
        }

        await store.DeleteAsync("a/b.bin", Ct);
        await store.DeleteAsync("a/b.bin", Ct);

        (await store.ExistsAsync("a/b.bin", Ct)).ShouldBeFalse();
        (await store.HeadAsync("a/b.bin", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task PutFileAsync_AboveThreshold_UploadsInPartsAndRoundTrips()
    {
        var bucket = await moto.CreateBucketAsync();
        var store = Store(bucket, "lake", new S3StoreOptions { MultipartThreshold = 5 * 1024 * 1024, PartSize = 5 * 1024 * 1024 });
        var path = Path.GetTempFileName();
        try
        {
            var content = RandomNumberGenerator.GetBytes(12 * 1024 * 1024);
            await File.WriteAllBytesAsync(path, content);

            await store.PutFileAsync("data/big.parquet", path, Ct);

            (await store.ReadAllBytesAsync("data/big.parquet", Ct)).ShouldBe(content);
            using var s3 = moto.CreateS3Client();
            var metadata = await s3.GetObjectMetadataAsync(bucket, "lake/data/big.parquet");
            metadata.ETag.Trim('"').ShouldEndWith("-3"); // a multipart ETag names its part count
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PutFileAsync_BelowThreshold_UploadsInOnePut()
    {
        var bucket = await moto.CreateBucketAsync();
        var store = Store(bucket, "lake");
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "small");

            await store.PutFileAsync("data/small.parquet", path, Ct);

            Text(await store.ReadAllBytesAsync("data/small.parquet", Ct)).ShouldBe("small");
            using var s3 = moto.CreateS3Client();
            (await s3.GetObjectMetadataAsync(bucket, "lake/data/small.parquet")).ETag.ShouldNotContain("-");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ObjectStoreFactory_S3Uri_OpensTheBucketFromTheEnvironment()
    {
        var bucket = await moto.CreateBucketAsync();

        var store = ObjectStoreFactory.Create("s3://" + bucket + "/lake/clicks/", moto.Environment, TimeProvider.System);
        await store.PutAsync("x.json", Bytes("{}"), Ct);

        store.RootUri.ToString().ShouldBe("s3://" + bucket + "/lake/clicks/");
        using var s3 = moto.CreateS3Client();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        listed.S3Objects.Select(o => o.Key).ShouldBe(["lake/clicks/x.json"]);
    }

    [Fact]
    public async Task ListAsync_MissingBucket_ThrowsNonTransientS3Error()
    {
        var store = Store(MotoServerFixture.UniqueName("nobucket").Replace('_', '-'), "lake");

        var error = await Should.ThrowAsync<S3StoreException>(async () => await store.ListAsync(string.Empty, null, Ct).ToListAsync());

        error.ErrorCode.ShouldBe("NoSuchBucket");
        error.IsTransient.ShouldBeFalse();
    }

    private async Task<S3ObjectStore> NewStoreAsync(S3StoreOptions? options = null) => Store(await moto.CreateBucketAsync(), "lake/t", options);

    private S3ObjectStore Store(string bucket, string prefix, S3StoreOptions? options = null) =>
        S3ObjectStoreFactory.Create(S3StoreLocation.Parse("s3://" + bucket + "/" + prefix), moto.Environment, TimeProvider.System, options);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
