namespace ClickBatch.Decoding;

/// <summary>Conversions between the stored units: timestamps in microseconds and dates in days since 1970-01-01 UTC.</summary>
public static class TimeConversions
{
    public const long MicrosPerDay = 86_400_000_000L;

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
