using ClickBatch.Delta;
using ClickBatch.Delta.Inspection;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Maintenance;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Tests.Delta.Maintenance;

public class LogCleanerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task CleanupAsync_CommitsOlderThanRetention_DeletesOnlyWhatPrecedesTheCutoffCheckpoint()
    {
        using var t = await TableAsync(23);
        var now = t.Clock.GetUtcNow();
        AgeCommits(t, upTo: 15, now.AddDays(-40));
        await t.Store.PutAsync("_delta_log/00000000000000000003.crc", "{}"u8.ToArray(), Ct);
        AgeFile(t, "_delta_log/00000000000000000003.crc", now.AddDays(-40));

        var deleted = await LogCleaner.CleanupAsync(t.Store, await t.SnapshotAsync(), t.Clock, NullLogger.Instance, Ct);

        var remaining = await LogSegmentBuilder.ListAsync(t.Store, null, Ct);
        remaining.Min(f => f.Version).ShouldBe(10);
        remaining.Count(f => f.Kind == LogFileKind.Commit).ShouldBe(14);
        deleted.ShouldBe(11);
        (await t.Store.ExistsAsync("_delta_log/00000000000000000003.crc", Ct)).ShouldBeFalse();
        TableDescriber.Describe(await t.SnapshotAsync()).ActiveFiles.ShouldBe(23);
        (await t.SnapshotAsync(12)).ActiveFiles.Count.ShouldBe(12);
    }

    [Fact]
    public async Task CleanupAsync_NothingOlderThanRetention_DeletesNothing()
    {
        using var t = await TableAsync(23);

        (await LogCleaner.CleanupAsync(t.Store, await t.SnapshotAsync(), t.Clock, NullLogger.Instance, Ct)).ShouldBe(0);
        (await LogSegmentBuilder.ListAsync(t.Store, null, Ct)).Count(f => f.Kind == LogFileKind.Commit).ShouldBe(24);
    }

    [Fact]
    public async Task CleanupAsync_AllOldButNoCheckpointBelowCutoff_KeepsEverything()
    {
        using var t = await TableAsync(8);
        AgeCommits(t, upTo: 8, t.Clock.GetUtcNow().AddDays(-100));

        (await LogCleaner.CleanupAsync(t.Store, await t.SnapshotAsync(), t.Clock, NullLogger.Instance, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task CleanupAsync_ShortRetentionProperty_UsesIt()
    {
        using var t = await TableAsync(12, new Dictionary<string, string?> { ["delta.logRetentionDuration"] = "interval 2 days" });
        AgeCommits(t, upTo: 12, t.Clock.GetUtcNow().AddDays(-3));

        (await LogCleaner.CleanupAsync(t.Store, await t.SnapshotAsync(), t.Clock, NullLogger.Instance, Ct)).ShouldBe(10);
    }

    [Theory]
    [InlineData("interval 30 days", 30 * 24)]
    [InlineData("interval 1 week", 7 * 24)]
    [InlineData("interval 12 hours", 12)]
    [InlineData("2 days", 48)]
    public void ParseOrDefault_SparkIntervals_ParsesHours(string text, int hours) =>
        DeltaInterval.ParseOrDefault(text, TimeSpan.Zero).ShouldBe(TimeSpan.FromHours(hours));

    [Fact]
    public void ParseOrDefault_Garbage_ThrowsNamingTheValue() =>
        Should.Throw<ClickBatch.Errors.ClickBatchException>(() => DeltaInterval.ParseOrDefault("interval x fortnights", TimeSpan.Zero)).Message.ShouldContain("fortnights");

    private static async Task<DeltaTestTable> TableAsync(int appends, Dictionary<string, string?>? configuration = null)
    {
        var t = new DeltaTestTable(configuration);
        await t.CreateAsync();
        for (var i = 1; i <= appends; i++)
        {
            await t.AppendAsync(DeltaTestTable.Add("f" + i + ".parquet"));
        }

        // Files carry real modification times; move the fake clock just past the newest so only aged files are old.
        var newest = Directory.GetFiles(Path.Combine(t.Path, "_delta_log")).Max(File.GetLastWriteTimeUtc);
        t.Clock.SetUtcNow(new DateTimeOffset(newest, TimeSpan.Zero).AddHours(1));
        return t;
    }

    private static void AgeCommits(DeltaTestTable t, int upTo, DateTimeOffset when)
    {
        for (var v = 0; v <= upTo; v++)
        {
            AgeFile(t, LogFile.CommitKey(v), when);
        }
    }

    private static void AgeFile(DeltaTestTable t, string key, DateTimeOffset when) =>
        File.SetLastWriteTimeUtc(Path.Combine(t.Path, key), when.UtcDateTime);
}
