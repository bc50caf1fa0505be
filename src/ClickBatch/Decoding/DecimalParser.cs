namespace ClickBatch.Decoding;

/// <summary>
/// Parses a JSON number's text (<c>-12.340</c>, <c>1.5e2</c>) into the unscaled INT64 of a decimal(p,s), exactly:
/// a value that needs more than s fractional digits or more than p-s integer digits is refused, never rounded.
/// Trailing zeros are not rounding, so <c>12.340</c> fits decimal(10,2).
/// </summary>
public static class DecimalParser
{
    private const int MaxExponent = 10_000;

    private static readonly long[] PowersOfTen = Enumerable.Range(0, 19).Select(i => (long)Math.Pow(10, i)).ToArray();

    public static DecimalParseResult TryParse(ReadOnlySpan<byte> text, int precision, int scale, out long unscaled)
    {
        unscaled = 0;
        var negative = !text.IsEmpty && text[0] == (byte)'-';
        var body = negative ? text[1..] : text;
        if (!TrySplit(body, out var integer, out var fraction, out var exponent))
        {
            return DecimalParseResult.NotANumber;
        }

        var pointPosition = integer.Length + exponent;
        var result = Accumulate(integer, 0, pointPosition, precision, scale, ref unscaled);
        if (result == DecimalParseResult.Ok)
        {
            result = Accumulate(fraction, integer.Length, pointPosition, precision, scale, ref unscaled);
        }

        unscaled = negative ? -unscaled : unscaled;
        return result;
    }

    private static DecimalParseResult Accumulate(
        ReadOnlySpan<byte> digits, int firstIndex, int pointPosition, int precision, int scale, ref long unscaled)
    {
        for (var k = 0; k < digits.Length; k++)
        {
            var digit = digits[k] - '0';
            var weight = pointPosition - 1 - (firstIndex + k) + scale;
            if (digit == 0)
            {
                continue;
            }

            if (weight < 0)
            {
                return DecimalParseResult.TooManyFractionDigits;
            }

            if (weight >= precision)
            {
                return DecimalParseResult.TooManyIntegerDigits;
            }

            unscaled += digit * PowersOfTen[weight];
        }

        return DecimalParseResult.Ok;
    }

    private static bool TrySplit(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> integer, out ReadOnlySpan<byte> fraction, out int exponent)
    {
        fraction = default;
        exponent = 0;
        var i = CountDigits(body);
        integer = body[..i];
        if (i < body.Length && body[i] == (byte)'.')
        {
            var count = CountDigits(body[(i + 1)..]);
            fraction = body.Slice(i + 1, count);
            i += count + 1;
            if (count == 0)
            {
                return false;
            }
        }

        return integer.Length > 0 && TryParseExponent(body[i..], out exponent);
    }

    private static bool TryParseExponent(ReadOnlySpan<byte> rest, out int exponent)
    {
        exponent = 0;
        if (rest.IsEmpty)
        {
            return true;
        }

        if (rest[0] != (byte)'e' && rest[0] != (byte)'E')
        {
            return false;
        }

        var sign = rest.Length > 1 && rest[1] == (byte)'-' ? -1 : 1;
        var digits = rest.Length > 1 && (rest[1] == (byte)'-' || rest[1] == (byte)'+') ? rest[2..] : rest[1..];
        if (digits.IsEmpty || CountDigits(digits) != digits.Length)
        {
            return false;
        }

        foreach (var b in digits)
        {
            exponent = Math.Min(MaxExponent, (exponent * 10) + (b - '0'));
        }

        exponent *= sign;
        return true;
    }

    private static int CountDigits(ReadOnlySpan<byte> text)
    {
        var i = 0;
        while (i < text.Length && text[i] >= (byte)'0' && text[i] <= (byte)'9')
        {
            i++;
        }

        return i;
    }
}
