namespace ClickBatch.Decoding;

/// <summary>Conversions between the stored units: timestamps in microseconds and dates in days since 1970-01-01 UTC.</summary>
public static class TimeConversions
{
    public const long MicrosPerDay = 86_400_000_000L;

    /// <summary>0001-01-01T00:00:00Z in microseconds since the epoch: the smallest storable instant.</summary>
    public static readonly long MinMicros = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>9999-12-31T23:59:59.999999Z in microseconds since the epoch: the largest storable instant.</summary>
    public static readonly long MaxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>
    /// A Kafka timestamp (ms) as microseconds, or null when the broker has none (negative) or the producer set one
    /// beyond year 9999 (CreateTime is producer-controlled; such a value cannot be a date or a Delta timestamp).
    /// </summary>
    public static long? KafkaMicros(long timestampMs) =>
        timestampMs >= 0 && timestampMs <= MaxMicros / 1000 ? timestampMs * 1000 : null;

    public static long ToMicros(DateTimeOffset instant) => (instant.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

    public static DateTime FromMicros(long micros) => DateTime.UnixEpoch.AddTicks(micros * 10);

    public static int DayOfMicros(long micros)
    {
        var day = micros / MicrosPerDay;
        return (int)(micros % MicrosPerDay < 0 ? day - 1 : day);
    }

    public static DateOnly DateOfDay(int day) => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + day);

    public static int DayOf(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
}
