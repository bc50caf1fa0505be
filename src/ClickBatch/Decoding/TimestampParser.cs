namespace ClickBatch.Decoding;

/// <summary>
/// Parses UTF-8 timestamps without allocating: the seed format <c>yyyy-MM-dd HH:mm:ss[.f…]</c> (UTC) and ISO-8601
/// <c>yyyy-MM-ddTHH:mm:ss[.f…][Z|±hh:mm|±hhmm|±hh]</c> (no offset = UTC). Up to 9 fractional digits are read;
/// digits below the microsecond must be zero, since the column stores microseconds and nothing is rounded silently.
/// </summary>
public static class TimestampParser
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>Microseconds since 1970-01-01T00:00:00Z, or false when the text is not an accepted timestamp.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long micros)
    {
        micros = 0;
        if (text.Length < 19 || (text[10] != (byte)' ' && text[10] != (byte)'T' && text[10] != (byte)'t')
            || !TryParseDate(text[..10], out var date) || !TryParseTime(text[11..19], out var secondOfDay))
        {
            return false;
        }

        var rest = text[19..];
        if (!TryParseFraction(ref rest, out var fractionMicros) || !TryParseOffset(rest, out var offsetSeconds))
        {
            return false;
        }

        var ticks = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks - UnixEpochTicks;
        micros = (ticks / 10) + ((secondOfDay - offsetSeconds) * 1_000_000L) + fractionMicros;
        return micros >= TimeConversions.MinMicros && micros <= TimeConversions.MaxMicros;
    }

    /// <summary>A <c>yyyy-MM-dd</c> calendar date.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month)
            || !TryDigits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryParseTime(ReadOnlySpan<byte> text, out int secondOfDay)
    {
        secondOfDay = 0;
        if (text[2] != (byte)':' || text[5] != (byte)':'
            || !TryDigits(text[..2], out var hour) || !TryDigits(text.Slice(3, 2), out var minute)
            || !TryDigits(text.Slice(6, 2), out var second) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        secondOfDay = (hour * 3600) + (minute * 60) + second;
        return true;
    }

    private static bool TryParseFraction(ref ReadOnlySpan<byte> rest, out long micros)
    {
        micros = 0;
        if (rest.IsEmpty || rest[0] != (byte)'.')
        {
            return true;
        }

        var digits = 0;
        while (digits + 1 < rest.Length && IsDigit(rest[digits + 1]))
        {
            var d = rest[digits + 1] - '0';
            if (digits < 6)
            {
                micros = (micros * 10) + d;
            }
            else if (d != 0)
            {
                return false;
            }

            digits++;
        }

        for (var i = digits; i < 6; i++)
        {
            micros *= 10;
        }

        rest = rest[(digits + 1)..];
        return digits is >= 1 and <= 9;
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> rest, out int seconds)
    {
        seconds = 0;
        if (rest.IsEmpty || (rest.Length == 1 && (rest[0] == (byte)'Z' || rest[0] == (byte)'z')))
        {
            return true;
        }

        if (rest[0] != (byte)'+' && rest[0] != (byte)'-')
        {
            return false;
        }

        var sign = rest[0] == (byte)'-' ? -1 : 1;
        var body = rest[1..];
        var minutes = 0;
        var ok = body.Length switch
        {
            2 => TryDigits(body, out var h) && Set(out seconds, h * 3600),
            4 => TryDigits(body[..2], out var h) && TryDigits(body[2..], out minutes) && Set(out seconds, (h * 3600) + (minutes * 60)),
            5 => body[2] == (byte)':' && TryDigits(body[..2], out var h) && TryDigits(body[3..], out minutes)
                && Set(out seconds, (h * 3600) + (minutes * 60)),
            _ => false,
        };
        seconds *= sign;
        return ok && minutes < 60 && Math.Abs(seconds) <= 18 * 3600;
    }

    private static bool Set(out int target, int value)
    {
        target = value;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
