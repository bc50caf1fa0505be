using ClickBatch.Delta.Actions;
using ClickBatch.Jobs.Backfill;
using ClickBatch.Kafka;
using ClickBatch.Landing;

namespace ClickBatch.Tests.Jobs.Backfill;

/// <summary>Which files a backfill of partition 0 [100, 200) and partition 3 [10, 20) removes, rewrites or keeps, from their tags.</summary>
public sealed class BackfillRangesTests
{
    private static readonly BackfillRanges Ranges = new([new PartitionRange("t", 0, 100, 200), new PartitionRange("t", 3, 10, 20)]);

    [Theory]
    [InlineData("0:100-199", FileVerdict.Remove)]
    [InlineData("0:120-150,3:10-19", FileVerdict.Remove)]
    [InlineData("0:0-99", FileVerdict.Keep)]
    [InlineData("0:200-300,3:0-9", FileVerdict.Keep)]
    [InlineData("1:100-199", FileVerdict.Keep)]
    [InlineData("0:99-150", FileVerdict.Rewrite)]
    [InlineData("0:150-200", FileVerdict.Rewrite)]
    [InlineData("0:120-150,1:120-150", FileVerdict.Rewrite)]
    [InlineData("3:5-25", FileVerdict.Rewrite)]
    [InlineData("garbage", FileVerdict.Rewrite)]
    [InlineData("", FileVerdict.Rewrite)]
    public void Judge_ByTag_RemovesOnlyFilesWhollyInsideAndRewritesStraddlingOnes(string tag, FileVerdict expected) =>
        Ranges.Judge(File(tag)).ShouldBe(expected);

    [Fact]
    public void Judge_NoTag_RewritesBecauseTheFileMightHoldTheRange() => Ranges.Judge(new AddFile { Path = "x" }).ShouldBe(FileVerdict.Rewrite);

    [Fact]
    public void Contains_HalfOpenPerPartition()
    {
        (Ranges.Contains(0, 99), Ranges.Contains(0, 100), Ranges.Contains(0, 199), Ranges.Contains(0, 200)).ShouldBe((false, true, true, false));
        (Ranges.Contains(1, 150), Ranges.Contains(3, 10), Ranges.Contains(3, 20)).ShouldBe((false, true, false));
    }

    [Fact]
    public void ConflictReason_OtherWritersRowsOfTheRange_ConflictButAppendsPastItAndCompactionsDoNot()
    {
        Ranges.ConflictReason(DeltaAction.Of(File("0:150-160") with { DataChange = true })).ShouldNotBeNull();
        Ranges.ConflictReason(DeltaAction.Of(new AddFile { Path = "foreign", DataChange = true })).ShouldNotBeNull();
        Ranges.ConflictReason(DeltaAction.Of(File("0:200-260") with { DataChange = true })).ShouldBeNull();
        Ranges.ConflictReason(DeltaAction.Of(File("0:0-300") with { DataChange = false })).ShouldBeNull();
    }

    private static AddFile File(string tag) => new()
    {
        Path = "f.parquet",
        Tags = new Dictionary<string, string?>(StringComparer.Ordinal) { [KafkaOffsetsTag.Name] = tag },
    };
}
