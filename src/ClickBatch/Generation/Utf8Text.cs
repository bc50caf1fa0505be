using System.Text.Json;

namespace ClickBatch.Generation;

/// <summary>Formatting helpers that write ASCII straight into byte spans (no strings on the hot path).</summary>
internal static class Utf8Text
{
    /// <summary>Length of <c>yyyy-MM-dd HH:mm:ss.fff</c>.</summary>
    public const int TimestampLength = 23;

    /// <summary>Writes a Unix-millisecond time as <c>yyyy-MM-dd HH:mm:ss.fff</c> in UTC (the seed system's datetime_occured).</summary>
    public static void WriteTimestamp(long unixMs, Span<byte> destination)
    {
        var (year, month, day) = DateTime.UnixEpoch.AddMilliseconds(unixMs);
        var msOfDay = (int)(((unixMs % 86_400_000) + 86_400_000) % 86_400_000);
        WriteDigits(destination[..4], year);
        destination[4] = (byte)'-';
        WriteDigits(destination.Slice(5, 2), month);
        destination[7] = (byte)'-';
        WriteDigits(destination.Slice(8, 2), day);
        destination[10] = (byte)' ';
        WriteDigits(destination.Slice(11, 2), msOfDay / 3_600_000);
        destination[13] = (byte)':';
        WriteDigits(destination.Slice(14, 2), msOfDay / 60_000 % 60);
        destination[16] = (byte)':';
        WriteDigits(destination.Slice(17, 2), msOfDay / 1000 % 60);
        destination[19] = (byte)'.';
        WriteDigits(destination.Slice(20, 3), msOfDay % 1000);
    }

    /// <summary>Writes <paramref name="value"/> zero-padded to the destination's length.</summary>
    public static void WriteDigits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Appends bytes at <paramref name="position"/> and advances it.</summary>
    public static void Append(Span<byte> destination, ref int position, ReadOnlySpan<byte> value)
    {
        value.CopyTo(destination[position..]);
        position += value.Length;
    }

    /// <summary>Appends an integer in decimal at <paramref name="position"/> and advances it.</summary>
    public static void Append(Span<byte> destination, ref int position, int value)
    {
        value.TryFormat(destination[position..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        position += written;
    }

    /// <summary>A money amount in cents as a JSON number with exactly two decimals (e.g. 12.50).</summary>
    public static decimal Money(int cents) => new(cents, 0, 0, isNegative: false, scale: 2);

    /// <summary>The encoded property names of both schemas, built once.</summary>
    public static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name);
}
