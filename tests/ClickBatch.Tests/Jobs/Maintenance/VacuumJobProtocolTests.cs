using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Jobs.Maintenance;

/// <summary>
/// Vacuum against PROTOCOL.md: the "VACUUM Protocol Check" (a table with features ClickBatch does not honour is
/// refused: deletion-vector files live beside the data files and no add names them as a path), and tombstones kept
/// for the table's delta.deletedFileRetentionDuration.
/// </summary>
public sealed class VacuumJobProtocolTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ExecuteAsync_TableWithDeletionVectors_RefusedAndItsDeletionVectorFilesKept()
    {
        var lake = _dir.Sub("lake");
        CopyDirectory(ConformanceTables.TablePath("table-with-dv-small"), Path.Combine(lake, "dv"));
        var files = Directory.EnumerateFiles(Path.Combine(lake, "dv"), "*", SearchOption.AllDirectories).ToList();
        files.ShouldContain(f => Path.GetFileName(f).StartsWith("deletion_vector_", StringComparison.Ordinal));
        var job = new VacuumJob(ObjectStoreFactory.Create, new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(5)), NullLoggerFactory.Instance);

        var error = await Should.ThrowAsync<DeltaFeatureNotSupportedException>(() =>
            job.ExecuteAsync(new VacuumOptions { LakeUri = lake, Tables = ["dv"], Force = true }, Ct));

        error.Message.ShouldContain("deletionVectors");
        files.ShouldAllBe(f => File.Exists(f));
    }

    [Theory]
    [InlineData(8, false, false)]
    [InlineData(31, false, true)]
    [InlineData(8, true, true)]
    public async Task ExecuteAsync_TableRetention30Days_RemovedFileKeptForItUnlessForcedWhileOrphansGoAfterRetain(int daysAhead, bool force, bool removedGoes)
    {
        using var table = new DeltaTestTable(new Dictionary<string, string?> { ["delta.deletedFileRetentionDuration"] = "interval 30 days" });
        await table.CreateAsync();
        foreach (var name in new[] { "kept.parquet", "removed.parquet", "orphan.parquet" })
        {
            await table.Store.PutAsync(name, new byte[] { 1 }, Ct);
        }

        var removed = DeltaTestTable.Add("removed.parquet");
        await table.AppendAsync(DeltaTestTable.Add("kept.parquet"));
        await table.AppendAsync(removed);
        var tx = table.Table.StartTransaction(await table.SnapshotAsync(), "DELETE");
        tx.Remove(RemoveFile.For(removed, table.Clock.GetUtcNow().ToUnixTimeMilliseconds()));
        await tx.CommitAsync(Ct);
        var lake = Path.GetDirectoryName(table.Path)!;
        var job = new VacuumJob(ObjectStoreFactory.Create, new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(daysAhead)), NullLoggerFactory.Instance);

        var result = await job.ExecuteAsync(new VacuumOptions { LakeUri = lake, Tables = [Path.GetFileName(table.Path)], Force = force }, Ct);

        var expected = removedGoes ? new[] { "orphan.parquet", "removed.parquet" } : ["orphan.parquet"];
        result.Single().Deleted.Order(StringComparer.Ordinal).ShouldBe(expected);
        File.Exists(Path.Combine(table.Path, "kept.parquet")).ShouldBeTrue();
        File.Exists(Path.Combine(table.Path, "removed.parquet")).ShouldBe(!removedGoes);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
