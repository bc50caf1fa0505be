using System.Globalization;

namespace ClickBatch.Parquet;

/// <summary>Delta statistics values that need more than a JSON number or string (<see cref="IntegerStatistics{T}"/>).</summary>
internal static class StatisticsFormats
{
    /// <summary>
    /// PROTOCOL.md "Per-file Statistics": "Timestamp columns are truncated down to milliseconds", min and max alike
    /// (readers that skip on the max allow for the truncated sub-millisecond part, as Spark adds 1 ms).
    /// </summary>
    internal static string FormatTimestamp(long micros)
    {
        var millis = Math.DivRem(micros, 1000, out var rest);
        millis -= rest < 0 ? 1 : 0;
        return DateTime.UnixEpoch.AddMilliseconds(millis).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The exact decimal of an unscaled value (|value| &lt; 10^18, so it fits the low 64 bits).</summary>
    internal static decimal ToDecimal(long unscaled, int scale)
    {
        var magnitude = (ulong)Math.Abs(unscaled);
        return new decimal((int)(magnitude & 0xFFFFFFFF), (int)(magnitude >> 32), 0, unscaled < 0, (byte)scale);
    }
}
