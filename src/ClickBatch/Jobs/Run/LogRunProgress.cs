using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Run;

/// <summary>Progress as a log line per topic every 10 seconds (JSON lines under ECS): records, planned, records/s.</summary>
public sealed class LogRunProgress(ILogger logger, TimeProvider clock) : IRunProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, (long Planned, long Read)> _topics = new(StringComparer.Ordinal);
    private long _started = clock.GetTimestamp();
    private long _last = clock.GetTimestamp();

    public void Planned(IReadOnlyDictionary<string, long> offsetsPerTopic)
    {
        ArgumentNullException.ThrowIfNull(offsetsPerTopic);
        var first = _topics.Count == 0;
        foreach (var (topic, planned) in offsetsPerTopic)
        {
            // Group assignment plans again with every partition the group assigns: planned grows, read stays.
            _topics[topic] = (planned, _topics.GetValueOrDefault(topic).Read);
        }

        if (first)
        {
            _started = _last = clock.GetTimestamp();
        }
    }

    public void Read(string topic, long records)
    {
        _topics[topic] = (_topics.GetValueOrDefault(topic).Planned, records);
        if (clock.GetElapsedTime(_last) >= Interval)
        {
            _last = clock.GetTimestamp();
            Log();
        }
    }

    public void Completed() => Log();

    private void Log()
    {
        var seconds = Math.Max(clock.GetElapsedTime(_started).TotalSeconds, 0.001);
        foreach (var (topic, (planned, read)) in _topics)
        {
            RunLog.Progress(logger, topic, read, planned, (long)(read / seconds));
        }
    }
}
