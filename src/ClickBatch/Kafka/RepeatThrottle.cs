using System.Text.RegularExpressions;

namespace ClickBatch.Kafka;

/// <summary>
/// librdkafka repeats the same error every few milliseconds while a broker is down. The first of each message passes;
/// repeats within <see cref="Window"/> are counted, and the count goes with the next one passed after it.
/// Thread-safe: librdkafka calls its handlers from its own threads.
/// </summary>
internal sealed partial class RepeatThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long PassedAt, int Suppressed)> _seen = new(StringComparer.Ordinal);

    /// <summary>True when this message should be logged; <paramref name="suppressed"/> counts the repeats held back since.</summary>
    public bool ShouldPass(string message, out int suppressed)
    {
        // "... Connection refused (after 2ms in state CONNECT)": the same error each time.
        var key = Timing().Replace(message, "after ?ms");
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            if (_seen.TryGetValue(key, out var seen) && clock.GetElapsedTime(seen.PassedAt, now) < Window)
            {
                _seen[key] = (seen.PassedAt, seen.Suppressed + 1);
                suppressed = 0;
                return false;
            }

            suppressed = seen.Suppressed;
            _seen[key] = (now, 0);
            return true;
        }
    }

    /// <summary>What to append to a passed message that had <paramref name="suppressed"/> repeats held back; empty for none.</summary>
    public static string RepeatsNote(int suppressed) =>
        suppressed == 0 ? string.Empty : " (and " + suppressed + " times more within " + (long)Window.TotalSeconds + " s before this, not logged)";

    [GeneratedRegex(@"after \d+ms")]
    private static partial Regex Timing();
}
