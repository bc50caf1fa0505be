using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Checkpoints;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Tests.Delta.Checkpoints;

/// <summary>
/// Issue 13 item 8: a damaged checkpoint is skipped for an older checkpoint or the JSON commits (PROTOCOL.md lets a
/// reader use either), with a warning naming it; with no fallback the error names the damaged file, never a temp copy.
/// </summary>
public class DamagedCheckpointTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task GetSnapshotAsync_GarbageCheckpoint_ReplaysTheCommitsAndWarnsNamingIt()
    {
        using var table = await TableWithCommitsAsync(12);
        var expected = await table.Table.Log.GetSnapshotFromCommitsAsync(null, Ct);
        await table.Store.PutAsync(LogFile.ClassicCheckpointKey(10), "PAR1 not really"u8.ToArray(), Ct);
        var logger = new RecordingLogger();

        var snapshot = await new DeltaLog(table.Store, logger).GetSnapshotAsync(null, Ct);

        snapshot.Version.ShouldBe(12);
        snapshot.CheckpointVersion.ShouldBeNull();
        snapshot.ActiveFiles.Select(f => f.Path).Order().ShouldBe(expected.ActiveFiles.Select(f => f.Path).Order());
        snapshot.AppTransactions.ShouldBe(expected.AppTransactions);
        var warning = logger.Events.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Id.Id.ShouldBe(3101);
        warning.Message.ShouldContain(LogFile.ClassicCheckpointKey(10));
    }

    [Fact]
    public async Task GetSnapshotAsync_NewestCheckpointDamagedAndOldCommitsCleanedUp_UsesTheOlderCheckpoint()
    {
        using var table = await TableWithCommitsAsync(22);
        var expected = await table.SnapshotAsync();
        await TruncateAsync(table, LogFile.ClassicCheckpointKey(20));
        for (var v = 0; v < 10; v++)
        {
            await table.Store.DeleteAsync(LogFile.CommitKey(v), Ct);
        }

        var snapshot = await new DeltaLog(table.Store).GetSnapshotAsync(null, Ct);

        snapshot.Version.ShouldBe(22);
        snapshot.CheckpointVersion.ShouldBe(10);
        snapshot.ActiveFiles.Count.ShouldBe(expected.ActiveFiles.Count);
        snapshot.AppTransactions.ShouldBe(expected.AppTransactions);
    }

    [Fact]
    public async Task GetSnapshotAsync_DamagedCheckpointAndNoFallback_NamesTheDamagedFileNotATempCopy()
    {
        using var table = await TableWithCommitsAsync(12);
        await TruncateAsync(table, LogFile.ClassicCheckpointKey(10));
        for (var v = 0; v < 10; v++)
        {
            await table.Store.DeleteAsync(LogFile.CommitKey(v), Ct);
        }

        using var scratch = new TempDirectory();

        var ex = await Should.ThrowAsync<DeltaLogCorruptException>(() => new DeltaLog(table.Store, scratchRoot: scratch.Path).GetSnapshotAsync(null, Ct));

        ex.Message.ShouldContain(LogFile.ClassicCheckpointKey(10));
        ex.Message.ShouldNotContain(scratch.Path);
        ex.Facts["File"].ShouldBe(LogFile.ClassicCheckpointKey(10));
    }

    [Fact]
    public async Task GetSnapshotAsync_CheckpointWithoutProtocolOrMetadata_IsSkippedForTheCommits()
    {
        using var table = await TableWithCommitsAsync(12);
        var temp = Path.Combine(table.Path, "only-adds.parquet");
        await CheckpointParquet.WriteAsync([DeltaAction.Of(DeltaTestTable.Add("x.parquet"))], temp, Ct);
        await table.Store.PutFileAsync(LogFile.ClassicCheckpointKey(10), temp, Ct);

        var snapshot = await new DeltaLog(table.Store).GetSnapshotAsync(null, Ct);

        snapshot.CheckpointVersion.ShouldBeNull();
        snapshot.ActiveFiles.Select(f => f.Path).ShouldNotContain("x.parquet");
        snapshot.ActiveFiles.Count.ShouldBe(12);
    }

    [Fact]
    public async Task GetSnapshotAsync_DamagedCheckpoint_LeavesNoScratchCopyBehind()
    {
        using var table = await TableWithCommitsAsync(12);
        using var scratch = new TempDirectory();
        await new DeltaLog(table.Store, scratchRoot: scratch.Path).GetSnapshotAsync(null, Ct);
        await TruncateAsync(table, LogFile.ClassicCheckpointKey(10));

        await new DeltaLog(table.Store, scratchRoot: scratch.Path).GetSnapshotAsync(null, Ct);

        Directory.EnumerateFileSystemEntries(scratch.Path).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"version\":")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"x\"")]
    [InlineData("{\"version\":10,\"size\":1,\"checksum\":5}")]
    [InlineData("{\"version\":10,\"size\":1,\"checksum\":\"\\ud800\"}")]
    [InlineData("{\"version\":999,\"size\":1}")]
    [InlineData("{\"version\":7,\"size\":1}")]
    public async Task GetSnapshotAsync_DamagedLastCheckpoint_FallsBackToTheListing(string hint)
    {
        using var table = await TableWithCommitsAsync(12);
        await table.Store.PutAsync(LastCheckpoint.Key, System.Text.Encoding.UTF8.GetBytes(hint), Ct);

        var snapshot = await new DeltaLog(table.Store).GetSnapshotAsync(null, Ct);

        snapshot.Version.ShouldBe(12);
        snapshot.CheckpointVersion.ShouldBe(10);
        snapshot.ActiveFiles.Count.ShouldBe(12);
    }

    /// <summary>Versions 0 (create) to <paramref name="commits"/>, each adding one file with a txn; checkpoints every 10.</summary>
    private static async Task<DeltaTestTable> TableWithCommitsAsync(int commits)
    {
        var table = new DeltaTestTable();
        await table.CreateAsync();
        for (var i = 1; i <= commits; i++)
        {
            await table.AppendAsync(DeltaTestTable.Add("f" + i + ".parquet"), "job/clicks/0", i * 100);
        }

        return table;
    }

    private static async Task TruncateAsync(DeltaTestTable table, string key)
    {
        var bytes = await table.Store.ReadAllBytesAsync(key, Ct);
        await table.Store.PutAsync(key, bytes.AsMemory(0, bytes.Length / 2), Ct);
    }
}
