using ClickBatch.Delta;
using ClickBatch.Delta.Inspection;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Delta.Inspection;

public class ParquetFooterTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task ReadRowCountAsync_LargeFile_ReadsOnlyTheFooterRanges()
    {
        using var dir = new TempDirectory();
        var size = ParquetTestFiles.WriteIds(Path.Combine(dir.Path, "d/f.parquet"), Enumerable.Range(0, 200_000).Select(i => (long)i * 7919).ToList());
        var store = new RangeOnlyObjectStore(new LocalObjectStore(dir.Path));

        var rows = await ParquetFooter.ReadRowCountAsync(store, "d/f.parquet", Ct);

        rows.ShouldBe(200_000);
        store.BytesRead.ShouldBeLessThan(size / 10);
    }

    [Fact]
    public async Task DescribeAsync_ExactRowsOnConformanceTableWithoutStats_NeedsNoWholeFileReads()
    {
        var store = new RangeOnlyObjectStore(ObjectStoreFactory.Create(ConformanceTables.TablePath("delta-0.8.0-partitioned")));

        var description = await TableDescriber.DescribeAsync(new DeltaLog(store), null, exactRows: true, Ct);

        description.RowsExact.ShouldBe(7);
    }

    [Fact]
    public async Task ReadRowCountAsync_NotParquet_ThrowsNamingTheFile()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        await store.PutAsync("x.parquet", "this is not a parquet file at all"u8.ToArray(), Ct);

        var ex = await Should.ThrowAsync<DeltaLogCorruptException>(() => ParquetFooter.ReadRowCountAsync(store, "x.parquet", Ct));

        ex.Message.ShouldContain("x.parquet");
        ex.Message.ShouldContain("PAR1");
    }

    [Fact]
    public async Task ReadRangeAsync_LocalFile_ReturnsExactlyTheRange()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        await store.PutAsync("a.bin", new byte[] { 0, 1, 2, 3, 4, 5 }, Ct);

        (await store.ReadRangeAsync("a.bin", 2, 3, Ct)).ShouldBe(new byte[] { 2, 3, 4 });
    }
}
