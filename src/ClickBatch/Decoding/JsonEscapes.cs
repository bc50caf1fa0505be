namespace ClickBatch.Decoding;

/// <summary>
/// Checks the <c>\uXXXX</c> escapes of a JSON string as written (between its quotes) before the string is unescaped.
/// JSON's grammar allows a lone UTF-16 surrogate escape (<c>"\ud800"</c>), but no Unicode text holds one: unescaping
/// it throws in <c>Utf8JsonReader.CopyString</c> and <c>ValueTextEquals</c>. Callers turn false into a reject.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>
    /// True when every escaped surrogate is a high surrogate directly followed by an escaped low surrogate.
    /// The reader has already checked the escape syntax (four hex digits after <c>\u</c>); bounds are checked anyway.
    /// </summary>
    public static bool SurrogatesArePaired(ReadOnlySpan<byte> raw)
    {
        var i = raw.IndexOf((byte)'\\');
        while (i >= 0 && i + 1 < raw.Length)
        {
            var next = i + 2;
            if (raw[i + 1] == (byte)'u')
            {
                var unit = CodeUnit(raw, i);
                next = i + 6;
                if (unit is >= 0xD800 and <= 0xDFFF)
                {
                    if (unit >= 0xDC00 || CodeUnit(raw, next) is < 0xDC00 or > 0xDFFF)
                    {
                        return false;
                    }

                    next += 6;
                }
            }

            if (next >= raw.Length)
            {
                return true;
            }

            var rest = raw[next..].IndexOf((byte)'\\');
            i = rest < 0 ? -1 : next + rest;
        }

        return i < 0;
    }

    /// <summary>The code unit of the <c>\uXXXX</c> escape at <paramref name="at"/>, or -1 when there is none.</summary>
    private static int CodeUnit(ReadOnlySpan<byte> raw, int at)
    {
        if (at + 6 > raw.Length || raw[at] != (byte)'\\' || raw[at + 1] != (byte)'u')
        {
            return -1;
        }

        var unit = 0;
        for (var k = at + 2; k < at + 6; k++)
        {
            var digit = HexValue(raw[k]);
            if (digit < 0)
            {
                return -1;
            }

            unit = (unit << 4) | digit;
        }

        return unit;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
