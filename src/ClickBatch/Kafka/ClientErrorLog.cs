using Microsoft.Extensions.Logging;

namespace ClickBatch.Kafka;

/// <summary>
/// The consumer's client errors, through a <see cref="RepeatThrottle"/>: one 30-second run against a closed port
/// logged 584 identical "Connection refused" warnings before; now the first, then one a minute with the count.
/// </summary>
internal sealed class ClientErrorLog(ILogger logger, TimeProvider clock)
{
    private readonly RepeatThrottle _throttle = new(clock);

    public void Report(string code, string reason)
    {
        if (!_throttle.ShouldPass(code + ": " + reason, out var suppressed))
        {
            return;
        }

        if (suppressed == 0)
        {
            KafkaSourceLog.ClientError(logger, code, reason);
        }
        else
        {
            KafkaSourceLog.ClientErrorRepeated(logger, code, reason, suppressed, (long)RepeatThrottle.Window.TotalSeconds);
        }
    }
}
