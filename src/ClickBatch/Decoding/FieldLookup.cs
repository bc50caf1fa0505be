using System.Text;
using System.Text.Json;

namespace ClickBatch.Decoding;

/// <summary>
/// Finds the schema field a JSON property name refers to, without allocating. Producers usually send fields in
/// the same order every time, so the field after the previous match is tried first.
/// </summary>
internal sealed class FieldLookup
{
    private readonly byte[][] _names;

    public FieldLookup(IReadOnlyList<FieldSpec> fields) =>
        _names = fields.Select(f => Encoding.UTF8.GetBytes(f.Name)).ToArray();

    /// <summary>What <see cref="Find"/> answers for a name that escapes a lone UTF-16 surrogate (no Unicode text).</summary>
    public const int InvalidName = -2;

    /// <summary>Index of the field named by the reader's current PropertyName token, -1, or <see cref="InvalidName"/>.</summary>
    public int Find(ref Utf8JsonReader reader, int hint)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var name = reader.ValueSpan;
            if ((uint)hint < (uint)_names.Length && name.SequenceEqual(_names[hint]))
            {
                return hint;
            }

            for (var i = 0; i < _names.Length; i++)
            {
                if (name.SequenceEqual(_names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        // ValueTextEquals unescapes, and throws on a lone surrogate (issue 13).
        if (!JsonEscapes.SurrogatesArePaired(reader.ValueSpan))
        {
            return InvalidName;
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (reader.ValueTextEquals(_names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
