using ClickBatch.Cli;
using ClickBatch.Jobs.Status;

namespace ClickBatch.Tests.Jobs.Status;

/// <summary>
/// A stored offset past Kafka's end (the topic was recreated, or --bootstrap-servers names another cluster) is said, not
/// shown as a negative lag: status printed "lag -12 records" with no note, while the next run refuses the partition.
/// </summary>
public sealed class StatusAheadOfTopicTests
{
    [Fact]
    public void Table_StoredOffsetPastTheEnd_NamesItAndCountsNoNegativeLag()
    {
        var ahead = new PartitionStatus { Partition = 0, StoredOffset = 112, TableOffset = 112, RejectsOffset = 112, EarliestOffset = 0, LatestOffset = 100 };
        var behind = new PartitionStatus { Partition = 1, StoredOffset = 90, TableOffset = 90, RejectsOffset = 90, EarliestOffset = 0, LatestOffset = 100 };
        var report = new StatusReport
        {
            JobId = "job", GroupId = "job", Lake = "/lake",
            Topics = [new TopicStatus { Topic = "clicks", Table = "/lake/clicks", RejectsTable = "/lake/clicks_rejects", TableLanded = true, RejectsTableLanded = true, Partitions = [ahead, behind] }],
        };

        var text = StatusPrinter.Table(report);

        ahead.Lag.ShouldBe(0);
        ahead.AheadOfTopic.ShouldBe(12);
        report.Lag.ShouldBe(10, "only partition 1's 10 records are to read");
        text.ShouldContain("AHEAD OF KAFKA by 12");
        text.ShouldContain("lag 10 records");
    }
}
