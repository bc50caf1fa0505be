namespace ClickBatch.Generation;

/// <summary>
/// US-style postal addresses like Faker's ("123 Maple Street Apt. 4\nSpringfield, OR 97477"), stable per user:
/// a user ships to the same address every time, and sometimes bills to a second one.
/// </summary>
internal sealed class AddressWriter
{
    private readonly ulong _seed;
    private readonly DeterministicRandom _random = new(0);

    public AddressWriter(ulong seed) => _seed = seed;

    /// <summary>Writes the user's address number <paramref name="which"/> (0 shipping, 1 a second one) into <paramref name="scratch"/>.</summary>
    public ReadOnlySpan<byte> Compose(int userId, int which, Span<byte> scratch)
    {
        _random.Reseed(_seed ^ ((ulong)(uint)userId * 0x9E3779B97F4A7C15UL) ^ ((ulong)which << 62));
        var position = 0;
        Utf8Text.Append(scratch, ref position, _random.Next(1, 9_999));
        scratch[position++] = (byte)' ';
        Utf8Text.Append(scratch, ref position, Vocabulary.StreetNames[_random.Next(Vocabulary.StreetNames.Length)]);
        scratch[position++] = (byte)' ';
        Utf8Text.Append(scratch, ref position, Vocabulary.StreetSuffixes[_random.Next(Vocabulary.StreetSuffixes.Length)]);
        if (_random.Next(3) == 0)
        {
            Utf8Text.Append(scratch, ref position, " Apt. "u8);
            Utf8Text.Append(scratch, ref position, _random.Next(1, 999));
        }

        scratch[position++] = (byte)'\n';
        Utf8Text.Append(scratch, ref position, Vocabulary.Cities[_random.Next(Vocabulary.Cities.Length)]);
        Utf8Text.Append(scratch, ref position, ", "u8);
        Utf8Text.Append(scratch, ref position, Vocabulary.States[_random.Next(Vocabulary.States.Length)]);
        scratch[position++] = (byte)' ';
        Utf8Text.WriteDigits(scratch.Slice(position, 5), _random.Next(1_001, 99_950));
        return scratch[..(position + 5)];
    }
}
