using ClickBatch.Decoding;
using ClickBatch.Parquet;
using ClickBatch.Tests.Landing;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Parquet;

public sealed class RowBufferBudgetTests
{
    private static readonly FileWriterOptions Options = new() { RowGroupBytes = 256 * 1024, MaxBufferedBytes = 256 * 1024 };

    [Fact]
    public async Task Append_TwoWritersShareABudget_RowsHeldAcrossBothStayUnderTheCap()
    {
        using var temp = new TempDirectory();
        var budget = new RowBufferBudget(64 * 1024);
        var decoder = new RecordDecoder(BuiltInSchemas.Clicks, Records.Options());
        await using var first = new PartitionedFileWriter(decoder.Layout, temp.Sub("a"), Options, budget: budget);
        await using var second = new PartitionedFileWriter(decoder.Layout, temp.Sub("b"), Options, budget: budget);
        var clicks = ClickEvents.Generate(4000, days: 5);
        long maxHeld = 0;
        long maxRetained = 0;
        foreach (var (click, i) in clicks.Select((c, i) => (c, i)))
        {
            ClickEvents.AppendTo(i % 3 == 0 ? first : second, decoder, click);
            maxHeld = Math.Max(maxHeld, first.BufferedBytes + second.BufferedBytes);
            maxRetained = Math.Max(maxRetained, budget.RetainedBytes);
            budget.BufferedBytes.ShouldBe(first.BufferedBytes + second.BufferedBytes);
        }

        var files = (await first.CompleteAsync(CancellationToken.None)).Concat(await second.CompleteAsync(CancellationToken.None)).ToList();

        maxHeld.ShouldBeLessThanOrEqualTo(budget.MaxBufferedBytes);
        maxHeld.ShouldBeGreaterThan(budget.MaxBufferedBytes / 2);
        // The peak is seen inside Append: the row that crosses the cap, before the flush it triggers.
        budget.PeakBufferedBytes.ShouldBeInRange(maxHeld, budget.MaxBufferedBytes + 4096);
        maxRetained.ShouldBeLessThanOrEqualTo(4 * budget.MaxBufferedBytes);
        files.Sum(f => f.NumRecords).ShouldBe(clicks.Count);
        budget.BufferedBytes.ShouldBe(0);
    }

    [Fact]
    public async Task Append_ToOneWriter_FlushesTheOtherWriterWhenItHoldsTheLargestBuffer()
    {
        using var temp = new TempDirectory();
        var budget = new RowBufferBudget(64 * 1024);
        var decoder = new RecordDecoder(BuiltInSchemas.Clicks, Records.Options());
        await using var idle = new PartitionedFileWriter(decoder.Layout, temp.Sub("idle"), Options, budget: budget);
        await using var busy = new PartitionedFileWriter(decoder.Layout, temp.Sub("busy"), Options, budget: budget);
        var clicks = ClickEvents.Generate(2000, days: 1);
        var next = 0;
        void AppendTo(PartitionedFileWriter writer) => ClickEvents.AppendTo(writer, decoder, clicks[next++]);

        while (idle.BufferedBytes < budget.MaxBufferedBytes * 3 / 4)
        {
            AppendTo(idle);
        }

        var idleHeld = idle.BufferedBytes;
        while (busy.BufferedBytes < budget.MaxBufferedBytes / 2 && idle.BufferedBytes == idleHeld)
        {
            AppendTo(busy);
        }

        // The busy writer crossed the run's cap while the idle one held the most: the idle one's rows became a row group.
        idle.BufferedBytes.ShouldBe(0);
        busy.BufferedBytes.ShouldBeGreaterThan(0);
        budget.BufferedBytes.ShouldBe(busy.BufferedBytes);
    }

    [Fact]
    public async Task DisposeAsync_WithoutCompleting_GivesTheWritersRowsBackToTheBudget()
    {
        using var temp = new TempDirectory();
        var budget = new RowBufferBudget(1024 * 1024);
        var decoder = new RecordDecoder(BuiltInSchemas.Clicks, Records.Options());
        var writer = new PartitionedFileWriter(decoder.Layout, temp.Sub("a"), Options, budget: budget);
        await using var other = new PartitionedFileWriter(decoder.Layout, temp.Sub("b"), Options, budget: budget);
        foreach (var (click, i) in ClickEvents.Generate(50, days: 2).Select((c, i) => (c, i)))
        {
            ClickEvents.AppendTo(i % 2 == 0 ? writer : other, decoder, click);
        }

        budget.BufferedBytes.ShouldBeGreaterThan(other.BufferedBytes);
        await writer.DisposeAsync();

        // The disposed writer's rows and buffers no longer count; the other's still do.
        budget.BufferedBytes.ShouldBe(other.BufferedBytes);
        budget.RetainedBytes.ShouldBe(other.RetainedBytes);
        other.BufferedBytes.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task CompleteAsync_RowsOverThirtyDaysWithDefaultOptions_OneFilePerDay()
    {
        using var temp = new TempDirectory();
        // Every record a different day than the one before, as a partition holding a month of late events delivers them.
        var clicks = ClickEvents.Generate(3000, days: 30).OrderBy(c => c.Offset).ToList();

        var result = await TopicFileSinkTests.WriteAsync(temp, clicks, new FileWriterOptions());

        result.DataFiles.Count.ShouldBe(clicks.Select(c => c.Occurred.UtcDateTime.Date).Distinct().Count());
        result.DataFiles.Sum(f => f.NumRecords).ShouldBe(clicks.Count);
    }
}
