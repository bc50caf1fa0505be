using System.Globalization;
using System.Text;
using System.Text.Json;
using ClickBatch.Generation;

namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>
/// Applies one <see cref="FuzzMutation"/> to a payload. Deterministic for the same random state, so a failing case
/// is reproduced from the fuzzer's seed and the case number. Allocates freely: this is a test tool, not the hot path.
/// </summary>
internal sealed class PayloadMutator(DeterministicRandom random)
{
    private static readonly FuzzMutation[] Single = Enum.GetValues<FuzzMutation>().Where(m => m != FuzzMutation.Stacked).ToArray();
    private static readonly byte[] Punctuation = "\"\\{}[]:,09e-+. tn"u8.ToArray();

    /// <summary>Mutates <paramref name="value"/> with <paramref name="mutation"/>, appending what was done to <paramref name="log"/>.</summary>
    public byte[] Apply(FuzzMutation mutation, byte[] value, IReadOnlyList<PropertySpan> properties, StringBuilder log)
    {
        if (mutation == FuzzMutation.Stacked)
        {
            var steps = random.Next(2, 5);
            for (var i = 0; i < steps; i++)
            {
                log.Append(i == 0 ? string.Empty : " + ");
                value = Apply(Single[random.Next(Single.Length)], value, FuzzSeeds.PropertiesOf(value), log);
            }

            return value;
        }

        if (properties.Count == 0 && mutation >= FuzzMutation.ReplaceValue)
        {
            mutation = (FuzzMutation)random.Next((int)FuzzMutation.ReplaceValue);
        }

        log.Append(mutation.ToString());
        return mutation switch
        {
            FuzzMutation.BitFlip => BitFlip(value, log),
            FuzzMutation.ByteReplace => ByteReplace(value, log),
            FuzzMutation.Truncate => Truncate(value, log),
            FuzzMutation.InsertBytes => Insert(value, random.Next(value.Length + 1), Pick(FuzzPools.Bytes), log),
            FuzzMutation.Bom => Bom(value, log),
            FuzzMutation.Splice => Splice(value, log),
            FuzzMutation.TrailingData => TrailingData(value, log),
            _ => Structural(mutation, value, properties, log),
        };
    }

    private byte[] Structural(FuzzMutation mutation, byte[] value, IReadOnlyList<PropertySpan> properties, StringBuilder log)
    {
        var p = properties[random.Next(properties.Count)];
        if (mutation != FuzzMutation.InsertField)
        {
            log.Append('(').Append(Encoding.UTF8.GetString(value.AsSpan(p.NameStart, p.NameEnd - p.NameStart))).Append(')');
        }

        return mutation switch
        {
            FuzzMutation.ReplaceValue => Replace(value, p.ValueStart, p.ValueEnd, Pick(FuzzPools.Values), log),
            FuzzMutation.InsertEscape => InsertIntoString(value, p, Pick(FuzzPools.Escapes), log),
            FuzzMutation.EscapeName => Replace(value, p.NameStart, p.NameEnd, EscapedName(value.AsSpan(p.NameStart + 1, p.NameEnd - p.NameStart - 2)), log),
            FuzzMutation.DuplicateProperty => DuplicateProperty(value, p, properties, log),
            FuzzMutation.InsertField => InsertField(value, log),
            FuzzMutation.DeepNesting => Replace(value, p.ValueStart, p.ValueEnd, Nested(), log),
            FuzzMutation.HugeValue => Replace(value, p.ValueStart, p.ValueEnd, Huge(), log),
            FuzzMutation.RemoveProperty => RemoveProperty(value, p, log),
            _ => InsertIntoString(value, p, [(byte)random.Next(0x20)], log),
        };
    }

    private byte[] BitFlip(byte[] value, StringBuilder log)
    {
        var copy = (byte[])value.Clone();
        var flips = random.Next(1, 5);
        for (var i = 0; i < flips && copy.Length > 0; i++)
        {
            var at = random.Next(copy.Length);
            var bit = random.Next(8);
            copy[at] ^= (byte)(1 << bit);
            log.Append(CultureInfo.InvariantCulture, $" @{at}^bit{bit}");
        }

        return copy;
    }

    private byte[] ByteReplace(byte[] value, StringBuilder log)
    {
        var copy = (byte[])value.Clone();
        var count = random.Next(1, 4);
        for (var i = 0; i < count && copy.Length > 0; i++)
        {
            var at = random.Next(copy.Length);
            copy[at] = random.Next(2) == 0 ? (byte)random.Next(256) : Punctuation[random.Next(Punctuation.Length)];
            log.Append(CultureInfo.InvariantCulture, $" @{at}={copy[at]:X2}");
        }

        return copy;
    }

    private byte[] Truncate(byte[] value, StringBuilder log)
    {
        var at = random.Next(value.Length + 1);
        log.Append(CultureInfo.InvariantCulture, $" at {at}");
        return value[..at];
    }

    private byte[] Bom(byte[] value, StringBuilder log)
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        return random.Next(3) switch
        {
            0 => Insert(value, 0, bom, log),
            1 => Insert(value, 0, [.. bom, .. bom], log),
            _ => Insert(value, random.Next(value.Length + 1), bom, log),
        };
    }

    private byte[] Splice(byte[] value, StringBuilder log)
    {
        var a = random.Next(value.Length + 1);
        var b = random.Next(a, value.Length + 1);
        if (random.Next(2) == 0)
        {
            log.Append(CultureInfo.InvariantCulture, $" delete {a}..{b}");
            return [.. value.AsSpan(0, a), .. value.AsSpan(b)];
        }

        var at = random.Next(value.Length + 1);
        log.Append(CultureInfo.InvariantCulture, $" copy {a}..{b} to {at}");
        return [.. value.AsSpan(0, at), .. value.AsSpan(a, b - a), .. value.AsSpan(at)];
    }

    private byte[] TrailingData(byte[] value, StringBuilder log)
    {
        byte[][] tails = [" "u8.ToArray(), "\n\t\r "u8.ToArray(), "{}"u8.ToArray(), " x"u8.ToArray(), ","u8.ToArray(), [0],
            [0xEF, 0xBB, 0xBF], "null"u8.ToArray(), value];
        return Insert(value, value.Length, tails[random.Next(tails.Length)], log);
    }

    private byte[] InsertIntoString(byte[] value, PropertySpan p, byte[] piece, StringBuilder log)
    {
        var (start, end) = p.ValueType == JsonTokenType.String && random.Next(4) != 0 ? (p.ValueStart, p.ValueEnd) : (p.NameStart, p.NameEnd);
        return Insert(value, random.Next(start + 1, end), piece, log);
    }

    private byte[] EscapedName(ReadOnlySpan<byte> name)
    {
        var text = new StringBuilder("\"");
        foreach (var b in name)
        {
            text.Append(random.Next(2) == 0 ? ((char)b).ToString() : string.Create(CultureInfo.InvariantCulture, $"\\u{b:x4}"));
        }

        if (random.Next(3) == 0)
        {
            text.Insert(random.Next(1, text.Length + 1), Encoding.UTF8.GetString(Pick(FuzzPools.Escapes)));
        }

        return Encoding.UTF8.GetBytes(text.Append('"').ToString());
    }

    private byte[] DuplicateProperty(byte[] value, PropertySpan p, IReadOnlyList<PropertySpan> properties, StringBuilder log)
    {
        var after = properties[random.Next(properties.Count)].ValueEnd;
        return Insert(value, after, [(byte)',', .. value.AsSpan(p.NameStart, p.ValueEnd - p.NameStart)], log);
    }

    private byte[] InsertField(byte[] value, StringBuilder log)
    {
        var fieldValue = random.Next(4) switch
        {
            0 => Nested(),
            1 => Huge(),
            _ => Pick(FuzzPools.Values),
        };
        return Insert(value, 1, [.. Pick(FuzzPools.Names), (byte)':', .. fieldValue, (byte)','], log);
    }

    private byte[] RemoveProperty(byte[] value, PropertySpan p, StringBuilder log)
    {
        var end = p.ValueEnd < value.Length && value[p.ValueEnd] == (byte)',' ? p.ValueEnd + 1 : p.ValueEnd;
        var start = end == p.ValueEnd && p.NameStart > 1 && value[p.NameStart - 1] == (byte)',' ? p.NameStart - 1 : p.NameStart;
        return Replace(value, start, end, [], log);
    }

    /// <summary>Arrays and objects nested 1-1000 deep (the reader's limit is 64), around a scalar from the pool.</summary>
    private byte[] Nested()
    {
        var depth = random.Next(4) == 0 ? random.Next(1, 1000) : random.Next(58, 70);
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            var array = random.Next(2) == 0;
            open.Append(array ? "[" : "{\"k\":");
            close.Insert(0, array ? ']' : '}');
        }

        return [.. Encoding.UTF8.GetBytes(open.ToString()), .. Pick(FuzzPools.Values), .. Encoding.UTF8.GetBytes(close.ToString())];
    }

    /// <summary>A long string (some near the 64-byte limit of timestamp and decimal text) or a number with many digits.</summary>
    private byte[] Huge()
    {
        var length = random.Next(8) switch
        {
            0 => random.Next(5_000, 200_000),
            < 4 => random.Next(1_000, 5_000),
            _ => random.Next(60, 70),
        };
        var isString = random.Next(3) != 0;
        var huge = new byte[length + 2];
        huge[0] = isString ? (byte)'"' : (byte)'1';
        huge[^1] = isString ? (byte)'"' : (byte)'0';
        var body = huge.AsSpan(1, length);
        var first = isString ? (byte)'a' : (byte)'0';
        var range = isString ? 26 : 10;
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = (byte)(first + ((i * 7) + (int)(random.NextUInt64() & 0xFF)) % range);
        }

        if (isString && random.Next(2) == 0)
        {
            var at = random.Next(body.Length - 5);
            @"\u00e9"u8.CopyTo(body[at..]);
        }

        return huge;
    }

    private byte[] Pick(byte[][] pool) => pool[random.Next(pool.Length)];

    private static byte[] Insert(byte[] value, int at, ReadOnlySpan<byte> piece, StringBuilder log) => Replace(value, at, at, piece, log);

    private static byte[] Replace(byte[] value, int start, int end, ReadOnlySpan<byte> piece, StringBuilder log)
    {
        log.Append(CultureInfo.InvariantCulture, $" {start}..{end} <- ").Append(Describe(piece));
        return [.. value.AsSpan(0, start), .. piece, .. value.AsSpan(end)];
    }

    private static string Describe(ReadOnlySpan<byte> piece) => piece.Length > 40
        ? string.Create(CultureInfo.InvariantCulture, $"{piece.Length} bytes starting {Convert.ToHexString(piece[..16])}")
        : Convert.ToHexString(piece);
}
