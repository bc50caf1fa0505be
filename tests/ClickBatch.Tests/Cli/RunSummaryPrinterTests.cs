using ClickBatch.Cli;
using ClickBatch.Ledger;

namespace ClickBatch.Tests.Cli;

public class RunSummaryPrinterTests
{
    private static readonly RunReport Run = new()
    {
        RunId = "20261123T020000Z-1a2b3c4d",
        JobId = "clickbatch",
        Operation = "run",
        StartedAt = DateTimeOffset.UnixEpoch,
        EndedAt = DateTimeOffset.UnixEpoch.AddSeconds(3),
    };

    [Fact]
    public void Summary_Mismatches_OneLinePerPartitionWithBothCounts()
    {
        var check = new SpectrumCheckReport
        {
            ExternalSchema = "clickbatch",
            Partitions = 3,
            CheckedPartitions = 3,
            Mismatches = [new("clicks", new Dictionary<string, string?> { ["dt"] = "2026-11-22" }, 120, 100), new("clicks_rejects", new Dictionary<string, string?> { ["dt"] = null }, 4, 0)],
        };

        var summary = RunSummaryPrinter.Summary(Run with { Status = RunStatus.CatalogCheckFailed, SpectrumCheck = check });

        summary.ShouldContain("redshift spectrum check (schema clickbatch): 2 of 3 partition(s) DIFFER");
        summary.ShouldContain("    clicks dt=2026-11-22: Delta 120 rows, Spectrum 100");
        summary.ShouldContain("    clicks_rejects dt=NULL: Delta 4 rows, Spectrum 0");
    }

    [Fact]
    public void Summary_CheckErrorAlreadyInTheRunError_IsPrintedOnce()
    {
        var check = new SpectrumCheckReport { ExternalSchema = "clickbatch", Partitions = 2, Error = "counting clicks dt=2026-11-22: statement failed" };

        var summary = RunSummaryPrinter.Summary(Run with { Error = "Redshift Spectrum check could not finish: " + check.Error + " The data is committed.", SpectrumCheck = check });

        summary.Split(check.Error).Length.ShouldBe(2);
        summary.ShouldContain("COULD NOT FINISH after 0 of 2 partition(s) (error above)");
    }

    [Fact]
    public void Summary_NoCheck_NoCheckLine()
    {
        RunSummaryPrinter.Summary(Run).ShouldNotContain("spectrum");
    }

    [Fact]
    public void Summary_AcceptedDataLoss_NamesTheDeletedOffsetsLikeTheExitThreeMessage()
    {
        var partition = new PartitionReport { Partition = 3, EarliestOffset = 200, StartOffset = 200, EndOffset = 260, Records = 60, Rows = 60, DataLossGap = new OffsetGap(120, 200) };
        var topic = new TopicReport { Topic = "clicks", Table = "/lake/clicks", RejectsTable = "/lake/clicks_rejects", Partitions = [partition] };

        var summary = RunSummaryPrinter.Summary(Run with { Status = RunStatus.Succeeded, Topics = [topic] });

        // The exit-3 message names the same gap "offsets 120-199 (80 offsets)" (DataLossGap.ToString).
        summary.ShouldContain("DATA LOSS: offsets 120-199 (80 offsets) were deleted unread");
        summary.ShouldContain(new ClickBatch.Kafka.DataLossGap("clicks", 3, 120, 200).ToString()[("topic 'clicks' partition 3: ".Length)..]);
    }

    [Fact]
    public void Summary_FailedBeforePlanning_PrintsNoEmptyPartitionTable()
    {
        var topic = new TopicReport { Topic = "clicks", Table = "/lake/clicks", RejectsTable = "/lake/clicks_rejects" };

        var summary = RunSummaryPrinter.Summary(Run with { Status = RunStatus.Failed, Error = "Could not read the metadata of topic 'clicks'", Topics = [topic] });

        summary.ShouldContain("clicks -> /lake/clicks");
        summary.ShouldNotContain("partition  start..end");
    }
}
