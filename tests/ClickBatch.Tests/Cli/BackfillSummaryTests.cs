using ClickBatch.Cli;
using ClickBatch.Jobs.Backfill;

namespace ClickBatch.Tests.Cli;

public sealed class BackfillSummaryTests
{
    [Fact]
    public void Format_Committed_OneLinePerPartitionAndTableWithCountsAndSingularFile()
    {
        var result = new BackfillResult("clicks",
            [new BackfillPartition(1, 3000, 7000, 0, 10022) { Records = 4000, Rows = 3976, Rejects = 24 }],
            new TableBackfill("clicks") { DeltaVersion = 3, RowsRemoved = 3976, FilesRemoved = 2, FilesRewritten = 1, RowsInRewritten = 500, FilesAdded = 1, RowsAdded = 3976 },
            new TableBackfill("clicks_rejects") { DeltaVersion = 5, RowsRemoved = 24, FilesRemoved = 1, FilesAdded = 1, RowsAdded = 24 },
            DryRun: false);

        var lines = BackfillSummary.Format(result).Split('\n');

        lines.ShouldBe([
            "backfill of clicks",
            "  partition 1: read offsets [3000, 7000): 4000 records, 3976 rows, 24 rejects",
            "clicks: committed Delta version 3; removed 3976 rows (2 files removed, 1 rewritten keeping 500 rows), added 3976 rows in 1 file",
            "clicks_rejects: committed Delta version 5; removed 24 rows (1 file removed, 0 rewritten keeping 0 rows), added 24 rows in 1 file",
        ]);
    }
}
