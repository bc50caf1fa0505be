using ClickBatch.Landing;

namespace ClickBatch.Tests.Landing;

public class ResumeOffsetTests
{
    [Theory]
    [InlineData(120L, 80L, 0L, 80L)]
    [InlineData(80L, 120L, 0L, 80L)]
    [InlineData(120L, null, 0L, 0L)]
    [InlineData(null, 120L, 50L, 50L)]
    [InlineData(30L, null, 50L, 30L)]
    public void Of_KnownOffsets_ContinuesFromTheLowerOrEarliest(long? table, long? rejects, long earliest, long expected) =>
        ResumeOffset.Of(table, rejects, earliest).ShouldBe(expected);

    [Fact]
    public void Of_NeitherTableKnowsThePartition_Null() => ResumeOffset.Of(null, null, 10).ShouldBeNull();
}
