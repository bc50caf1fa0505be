using System.Text;
using System.Text.Json;
using ClickBatch.Decoding;

namespace ClickBatch.Parquet;

/// <summary>
/// String min/max by UTF-8 byte order (= code point order, as Spark compares). Delta cuts string stats to a
/// prefix of 32 characters: the min becomes its prefix (still &lt;= every value); a truncated max becomes its
/// prefix with the last code point incremented (still &gt;= every value), or is left out when no such bump exists.
/// </summary>
internal sealed class StringStatistics(FieldSpec field) : ColumnStatistics(field)
{
    public const int PrefixLength = 32;

    private byte[] _min = [];
    private byte[] _max = [];

    protected override void UpdateMinMax(ColumnBuffer buffer)
    {
        var column = (BytesColumn)buffer;
        for (var i = 0; i < column.ValueCount; i++)
        {
            var value = column.Value(i);
            if (!HasValues || value.SequenceCompareTo(_min) < 0)
            {
                _min = value.ToArray();
            }

            if (!HasValues || value.SequenceCompareTo(_max) > 0)
            {
                _max = value.ToArray();
            }

            HasValues = true;
        }
    }

    public override bool WriteMin(Utf8JsonWriter writer)
    {
        writer.WriteString(Field.Name, TruncateMin(Encoding.UTF8.GetString(_min)));
        return true;
    }

    public override bool WriteMax(Utf8JsonWriter writer)
    {
        var max = TruncateMax(Encoding.UTF8.GetString(_max));
        if (max is null)
        {
            return false;
        }

        writer.WriteString(Field.Name, max);
        return true;
    }

    internal static string TruncateMin(string value)
    {
        var runes = value.EnumerateRunes().ToArray();
        return runes.Length <= PrefixLength ? value : string.Concat(runes.Take(PrefixLength).Select(r => r.ToString()));
    }

    /// <summary>The max itself if short enough, else the shortest bumped prefix, or null when none exists.</summary>
    internal static string? TruncateMax(string value)
    {
        var runes = value.EnumerateRunes().ToList();
        if (runes.Count <= PrefixLength)
        {
            return value;
        }

        runes.RemoveRange(PrefixLength, runes.Count - PrefixLength);
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last < 0x10FFFF)
            {
                runes.Add(new Rune(last + 1 == 0xD800 ? 0xE000 : last + 1));
                return string.Concat(runes.Select(r => r.ToString()));
            }
        }

        return null;
    }
}
