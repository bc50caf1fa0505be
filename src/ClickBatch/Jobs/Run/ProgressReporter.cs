using ClickBatch.Kafka;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Run;

/// <summary>Logs per-topic progress toward the end bound every few seconds (records read, planned, records/s).</summary>
internal sealed class ProgressReporter(ILogger logger, TimeProvider clock, OffsetPlan plan)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly long _started = clock.GetTimestamp();
    private long _last = clock.GetTimestamp();

    public void Report(IEnumerable<TopicIngestion> topics)
    {
        if (clock.GetElapsedTime(_last) < Interval)
        {
            return;
        }

        _last = clock.GetTimestamp();
        var seconds = Math.Max(clock.GetElapsedTime(_started).TotalSeconds, 0.001);
        foreach (var topic in topics)
        {
            var planned = plan.Ranges.Where(r => r.Topic == topic.Topic.Topic).Sum(r => r.OffsetCount);
            RunLog.Progress(logger, topic.Topic.Topic, topic.RecordsRead, planned, (long)(topic.RecordsRead / seconds));
        }
    }
}
