using System.Text;
using ClickBatch.Catalog.Glue;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Schema;
using ClickBatch.Errors;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Catalog.Glue;

public sealed class SymlinkManifestWriterTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly StructType Schema = new([new StructField("event_id", PrimitiveType.String), new StructField("event_date", PrimitiveType.String)]);

    private readonly TempDirectory dir = new();
    private readonly LocalObjectStore store;

    public SymlinkManifestWriterTests()
    {
        store = new LocalObjectStore(dir.Path);
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task WriteAsync_Partitioned_ListsExactlyTheActiveFilesOfEachPartition()
    {
        var snapshot = SnapshotBuilder.Create(Schema, ["event_date"],
        [
            SnapshotBuilder.File("event_date=2024-01-01/b.parquet", ("event_date", "2024-01-01")),
            SnapshotBuilder.File("event_date=2024-01-01/a.parquet", ("event_date", "2024-01-01")),
            SnapshotBuilder.File("event_date=2024-01-02/part%201.parquet", ("event_date", "2024-01-02")),
        ]);

        var result = await new SymlinkManifestWriter(store).WriteAsync(snapshot, Ct);

        result.ShouldBe(new ManifestSyncResult(3, 2, 0, 3));
        (await Read("_symlink_format_manifest/event_date=2024-01-01/manifest")).ShouldBe(
            "file://" + dir.Path + "/event_date=2024-01-01/a.parquet\nfile://" + dir.Path + "/event_date=2024-01-01/b.parquet\n");
        (await Read("_symlink_format_manifest/event_date=2024-01-02/manifest")).ShouldBe("file://" + dir.Path + "/event_date=2024-01-02/part 1.parquet\n");
    }

    [Fact]
    public async Task WriteAsync_PartitionEmptiedSinceLastTime_DeletesItsManifest()
    {
        var writer = new SymlinkManifestWriter(store);
        await writer.WriteAsync(SnapshotBuilder.Create(Schema, ["event_date"],
            [SnapshotBuilder.File("a.parquet", ("event_date", "2024-01-01")), SnapshotBuilder.File("b.parquet", ("event_date", "2024-01-02"))]), Ct);

        var result = await writer.WriteAsync(SnapshotBuilder.Create(Schema, ["event_date"], [SnapshotBuilder.File("b.parquet", ("event_date", "2024-01-02"))]), Ct);

        result.ManifestsDeleted.ShouldBe(1);
        (await store.ListAsync("_symlink_format_manifest/", null, Ct).Select(o => o.Key).ToListAsync())
            .ShouldBe(["_symlink_format_manifest/event_date=2024-01-02/manifest"]);
    }

    [Fact]
    public async Task WriteAsync_Unpartitioned_WritesOneManifestAtTheFolderRoot()
    {
        await new SymlinkManifestWriter(store).WriteAsync(SnapshotBuilder.Create(Schema, [], [SnapshotBuilder.File("x.parquet")]), Ct);

        (await Read("_symlink_format_manifest/manifest")).ShouldBe("file://" + dir.Path + "/x.parquet\n");
    }

    [Fact]
    public async Task WriteAsync_DeletionVectors_RefusesAndWritesNothing()
    {
        var file = SnapshotBuilder.File("x.parquet") with { DeletionVector = new DeletionVectorDescriptor { StorageType = "u", PathOrInlineDv = "ab", SizeInBytes = 1, Cardinality = 1 } };

        var error = await Should.ThrowAsync<ClickBatchException>(() => new SymlinkManifestWriter(store).WriteAsync(SnapshotBuilder.Create(Schema, [], [file]), Ct));

        error.Message.ShouldContain("deletion vectors");
        (await store.ListAsync(string.Empty, null, Ct).ToListAsync()).ShouldBeEmpty();
    }

    private async Task<string> Read(string key) => Encoding.UTF8.GetString(await store.ReadAllBytesAsync(key, Ct));
}
