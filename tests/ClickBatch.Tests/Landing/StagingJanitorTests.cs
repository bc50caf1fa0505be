using ClickBatch.Landing;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Landing;

public sealed class StagingJanitorTests : IDisposable
{
    private readonly TempDirectory _staging = new();

    public void Dispose() => _staging.Dispose();

    [Fact]
    public void RemoveStale_KilledRunsOlderThan48Hours_RemovedAndEverythingElseKept()
    {
        var now = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
        var killed = Folder("20261120T020000Z-aaaa1111", "clicks/1/data/dt=2026-11-19/part-1.parquet");
        var yesterday = Folder("20261122T020000Z-bbbb2222", "clicks/1/data/part-2.parquet");
        var justInside = Folder("20261121T020001Z-cccc3333", "clicks/1/data/part-3.parquet");
        var notARun = Folder("keep-me", "file.txt");

        var removed = StagingJanitor.RemoveStale(_staging.Path, now);

        removed.ShouldBe(1);
        Directory.Exists(killed).ShouldBeFalse();
        Directory.Exists(yesterday).ShouldBeTrue();
        Directory.Exists(justInside).ShouldBeTrue();
        Directory.Exists(notARun).ShouldBeTrue();
    }

    [Fact]
    public void RemoveStale_NoStagingFolderYet_DoesNothing()
    {
        StagingJanitor.RemoveStale(_staging.Sub("missing"), DateTimeOffset.UnixEpoch).ShouldBe(0);
    }

    private string Folder(string runId, string file)
    {
        var path = Path.Combine(_staging.Path, runId, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        return Path.Combine(_staging.Path, runId);
    }
}
