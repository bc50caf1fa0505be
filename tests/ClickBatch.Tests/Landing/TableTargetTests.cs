using ClickBatch.Decoding;
using ClickBatch.Delta.Writing;
using ClickBatch.Landing;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Landing;

public class TableTargetTests
{
    [Fact]
    public async Task CommitAsync_OtherRunOfTheJobTookOtherPartitions_StopsBeforeLandingThemTwice()
    {
        using var lake = new TempDirectory();
        var first = await OpenAsync(lake.Path);
        var second = await OpenAsync(lake.Path);
        await first.CommitAsync([], new Dictionary<int, long> { [0] = 10 }, CancellationToken.None);

        // Rebased over the first run's commit: its own partition 1 is untouched, so the Delta conflict check passes,
        // but its plan still covers partition 0 from the start.
        var error = await Should.ThrowAsync<ConcurrentWriterException>(
            () => second.CommitAsync([], new Dictionary<int, long> { [1] = 5 }, CancellationToken.None));

        error.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Conflict);
        error.Message.ShouldContain("'job/t/0'");
        error.Facts["DeltaVersion"].ShouldBe(2L);
    }

    [Fact]
    public async Task CommitAsync_SoleWriter_CommitsEveryChunk()
    {
        using var lake = new TempDirectory();
        var target = await OpenAsync(lake.Path);

        (await target.CommitAsync([], new Dictionary<int, long> { [0] = 10 }, CancellationToken.None)).ShouldBe(1);
        (await target.CommitAsync([], new Dictionary<int, long> { [1] = 5, [0] = 20 }, CancellationToken.None)).ShouldBe(2);

        target.Offsets.ShouldBe(new Dictionary<int, long> { [0] = 20, [1] = 5 });
    }

    private static Task<TableTarget> OpenAsync(string path) =>
        TableTarget.OpenAsync(ObjectStoreFactory.Create(path), TableDefinitions.For(TableLayout.Rejects, "t_rejects", "test"),
            new DeltaWriterOptions(), partition => "job/t/" + partition, owned: [0, 1], inspected: null, CancellationToken.None);
}
