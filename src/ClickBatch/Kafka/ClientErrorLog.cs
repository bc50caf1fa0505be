using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Kafka;

/// <summary>
/// librdkafka reports the same client error every few milliseconds while a broker is down (one 30-second run against
/// a closed port logged 584 identical "Connection refused" warnings). The first of each (code, reason) is logged; its
/// repeats within <see cref="Window"/> are only counted, and the count goes with the next one logged after it.
/// Thread-safe: librdkafka calls the error handler from its own threads.
/// </summary>
internal sealed partial class ClientErrorLog(ILogger logger, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Code, string Reason), (long LoggedAt, int Suppressed)> _seen = [];

    public void Report(string code, string reason)
    {
        int suppressed;
        // "Connect to ipv4#127.0.0.1:1 failed: Connection refused (after 2ms in state CONNECT)": the same error each time.
        var key = (code, Timing().Replace(reason, "after ?ms"));
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            if (_seen.TryGetValue(key, out var seen) && clock.GetElapsedTime(seen.LoggedAt, now) < Window)
            {
                _seen[key] = (seen.LoggedAt, seen.Suppressed + 1);
                return;
            }

            suppressed = seen.Suppressed;
            _seen[key] = (now, 0);
        }

        if (suppressed == 0)
        {
            KafkaSourceLog.ClientError(logger, code, reason);
        }
        else
        {
            KafkaSourceLog.ClientErrorRepeated(logger, code, reason, suppressed, (long)Window.TotalSeconds);
        }
    }

    [GeneratedRegex(@"after \d+ms")]
    private static partial Regex Timing();
}
