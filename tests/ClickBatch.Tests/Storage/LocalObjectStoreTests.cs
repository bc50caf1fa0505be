using System.Text;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Storage;

public class LocalObjectStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task PutIfAbsentAsync_KeyExists_ReturnsFalseAndKeepsFirstContent()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);

        (await store.PutIfAbsentAsync("_delta_log/00000000000000000000.json", Bytes("first"), Ct)).ShouldBeTrue();
        (await store.PutIfAbsentAsync("_delta_log/00000000000000000000.json", Bytes("second"), Ct)).ShouldBeFalse();

        Encoding.UTF8.GetString(await store.ReadAllBytesAsync("_delta_log/00000000000000000000.json", Ct)).ShouldBe("first");
        Directory.GetFiles(Path.Combine(dir.Path, "_delta_log")).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Writes_LakeUnderAFileNotAFolder_ThrowLocalStoreErrorsNamingOperationAndPath()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        var store = new LocalObjectStore(Path.Combine(file, "lake"));
        var staged = Path.Combine(dir.Path, "staged.parquet");
        await File.WriteAllTextAsync(staged, "p");

        var put = await Should.ThrowAsync<LocalStoreException>(() => store.PutAsync("_clickbatch/runs/r.json", Bytes("{}"), Ct));
        var create = await Should.ThrowAsync<LocalStoreException>(() => store.PutIfAbsentAsync("_delta_log/00000000000000000000.json", Bytes("{}"), Ct));
        var copy = await Should.ThrowAsync<LocalStoreException>(() => store.PutFileAsync("dt=2026-01-01/a.parquet", staged, Ct));

        put.Message.ShouldStartWith("Could not write " + Path.Combine(file, "lake", "_clickbatch", "runs", "r.json") + ": ");
        create.Message.ShouldStartWith("Could not create " + Path.Combine(file, "lake", "_delta_log", "00000000000000000000.json") + ": ");
        copy.Message.ShouldStartWith("Could not copy " + staged + " to " + Path.Combine(file, "lake", "dt=2026-01-01", "a.parquet") + ": ");
        put.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Failure);
    }

    [Theory]
    [InlineData("put")]
    [InlineData("put-file")]
    [InlineData("put-if-absent")]
    public async Task Writes_DiskFull_ThrowLocalStoreErrorAndLeaveNoTempFile(string operation)
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path, path => new NoSpaceStream(path));
        var staged = Path.Combine(dir.Path, "staged.parquet");
        await File.WriteAllTextAsync(staged, "p");
        const string Key = "_clickbatch/runs/r.json";

        var error = await Should.ThrowAsync<LocalStoreException>(operation switch
        {
            "put" => () => store.PutAsync(Key, Bytes("{}"), Ct),
            "put-file" => () => store.PutFileAsync(Key, staged, Ct),
            _ => () => store.PutIfAbsentAsync(Key, Bytes("{}"), Ct),
        });

        error.InnerException.ShouldBeOfType<IOException>().HResult.ShouldBe(NoSpaceStream.Enospc);
        error.Message.ShouldContain("No space left on device");
        Directory.GetFiles(Path.Combine(dir.Path, "_clickbatch", "runs")).ShouldBeEmpty();
        (await store.ExistsAsync(Key, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task PutIfAbsentAsync_ManyConcurrentWriters_ExactlyOneWins()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => store.PutIfAbsentAsync("k/v.json", Bytes("writer " + i), Ct))));

        results.Count(r => r).ShouldBe(1);
        var winner = Array.IndexOf(results, true);
        Encoding.UTF8.GetString(await store.ReadAllBytesAsync("k/v.json", Ct)).ShouldBe("writer " + winner);
    }

    [Fact]
    public async Task ListAsync_PrefixAndStartAfter_ReturnsSortedKeysAfterMarkerWithoutTempFiles()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        foreach (var key in new[] { "_delta_log/2.json", "_delta_log/10.json", "_delta_log/1.json", "_delta_log/_sidecars/a.parquet", "data/x.parquet" })
        {
            await store.PutAsync(key, Bytes(key), Ct);
        }

        File.WriteAllText(Path.Combine(dir.Path, "_delta_log", ".tmp.3.json.abc"), "partial");

        var keys = await store.ListAsync("_delta_log/", "_delta_log/10.json", Ct).Select(o => o.Key).ToListAsync();

        keys.ShouldBe(["_delta_log/2.json", "_delta_log/_sidecars/a.parquet"]);
    }

    [Fact]
    public async Task ReadAllBytesAsync_MissingKey_ThrowsObjectNotFoundNamingUri()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);

        var ex = await Should.ThrowAsync<ObjectNotFoundException>(() => store.ReadAllBytesAsync("_delta_log/_last_checkpoint", Ct));

        ex.Message.ShouldContain("_delta_log/_last_checkpoint");
    }

    [Fact]
    public async Task HeadAndDeleteAsync_ExistingKey_ReportsSizeThenRemoves()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        await store.PutAsync("a/b.bin", new byte[] { 1, 2, 3 }, Ct);

        (await store.HeadAsync("a/b.bin", Ct))!.Size.ShouldBe(3);
        await store.DeleteAsync("a/b.bin", Ct);

        (await store.ExistsAsync("a/b.bin", Ct)).ShouldBeFalse();
        (await store.HeadAsync("a/b.bin", Ct)).ShouldBeNull();
    }

    [Fact]
    public void GetAbsoluteUri_KeyWithSpaceAndPercent_EscapesEachSegment()
    {
        var store = new LocalObjectStore("/lake/t");

        store.GetAbsoluteUri("p=a b%3A/f.parquet").AbsoluteUri.ShouldBe("file:///lake/t/p=a%20b%253A/f.parquet");
    }

    [Fact]
    public void Create_FileUriAndPlainPath_BothMapToLocalStore()
    {
        ObjectStoreFactory.Create("file:///lake/t").RootUri.AbsoluteUri.ShouldBe("file:///lake/t/");
        ObjectStoreFactory.Create("/lake/t").RootUri.AbsoluteUri.ShouldBe("file:///lake/t/");
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
