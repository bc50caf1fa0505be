using ClickBatch.Generation;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Generation;

public class PartitionBudgetTests
{
    [Theory]
    [InlineData("127.0.0.1:9092", true)]
    [InlineData("127.0.0.1:9092,127.0.0.1:9093", true)]
    [InlineData("localhost:9092", true)]
    [InlineData("[::1]:9092", true)]
    [InlineData("127.0.0.1:9092,kafka-1.prod:9092", false)]
    [InlineData("b-1.msk.eu-west-1.amazonaws.com:9098", false)]
    public void IsLoopback_BootstrapServers_TrueOnlyWhenAllAreLocal(string servers, bool expected) =>
        PartitionBudget.IsLoopback(servers).ShouldBe(expected);

    [Fact]
    public void EstimateBytesPerPartition_MorePartitions_SpreadsTheSameBytes()
    {
        var plan = GenerationPlan.Create(GeneratorOptionsBuilder.Create(clicks: 3000, malformedRatio: 0));
        var rawClickBytes = 3000 * 400.0;

        var onOne = PartitionBudget.EstimateBytesPerPartition(plan, EventTopic.Clicks, 1);
        var onSix = PartitionBudget.EstimateBytesPerPartition(plan, EventTopic.Clicks, 6);

        onSix.ShouldBe(onOne / 6, tolerance: 1);
        onOne.ShouldBeInRange(rawClickBytes / PartitionBudget.CompressionRatio, 2 * rawClickBytes / PartitionBudget.CompressionRatio);
    }
}
