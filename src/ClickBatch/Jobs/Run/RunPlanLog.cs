using ClickBatch.Kafka;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Run;

/// <summary>Logs a plan: accepted and blocked data-loss gaps, and each partition with something to read.</summary>
internal static class RunPlanLog
{
    public static void Write(ILogger logger, OffsetPlan plan, IReadOnlyList<PartitionBounds> bounds)
    {
        foreach (var gap in plan.Gaps)
        {
            RunLog.DataLossAccepted(logger, gap.Topic, gap.Partition, gap.MissingFrom, gap.MissingTo - 1, gap.MissingTo);
        }

        foreach (var gap in plan.BlockedGaps)
        {
            RunLog.DataLossBlocked(logger, gap.Topic, gap.Partition, gap.MissingFrom, gap.MissingTo - 1);
        }

        foreach (var range in plan.Ranges.Where(r => !r.IsEmpty))
        {
            var earliest = bounds.First(b => b.Key == range.Key).Earliest;
            RunLog.PartitionPlanned(logger, range.Topic, range.Partition, range.From, range.To, earliest);
        }
    }
}
