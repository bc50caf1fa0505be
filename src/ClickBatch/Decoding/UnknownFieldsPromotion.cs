using System.Text.Json;

namespace ClickBatch.Decoding;

/// <summary>
/// Moves the values a row keeps in <c>_unknown_fields</c> into the columns the table gained later
/// (docs/schema-evolution.md, "promote"). One row at a time: <see cref="TryPromote"/> reads the row's JSON object, decodes
/// each property that names a nullable schema column the row holds null in, with the same rules as the run's decoder,
/// and keeps every other property, byte-exact, in <see cref="Rest"/>. A value the column's type cannot take stays in
/// <see cref="Rest"/>: nothing is dropped. Reused for every row; not thread-safe.
/// </summary>
internal sealed class UnknownFieldsPromotion
{
    private readonly IReadOnlyList<FieldSpec> _fields;
    private readonly FieldLookup _lookup;
    private readonly bool[] _candidate;
    private readonly ColumnBuffer[] _scratch;
    private readonly bool[] _promoted;
    private readonly UnknownFieldsBuilder _rest = new();

    /// <param name="fields">The file's columns in table order: schema fields, then the metadata columns.</param>
    public UnknownFieldsPromotion(IReadOnlyList<FieldSpec> fields)
    {
        _fields = fields;
        _lookup = new FieldLookup(fields);
        _candidate = fields.Select(f => !f.Required && !MetadataColumns.IsReserved(f.Name)).ToArray();
        _scratch = fields.Select(ColumnBuffer.Create).ToArray();
        _promoted = new bool[fields.Count];
    }

    /// <summary>Whether any column can take values from <c>_unknown_fields</c> at all.</summary>
    public bool HasCandidates => _candidate.Any(c => c);

    /// <summary>After a successful <see cref="TryPromote"/>: whether column <paramref name="index"/> took a value (or a JSON null).</summary>
    public bool Promoted(int index) => _promoted[index];

    /// <summary>After a successful <see cref="TryPromote"/>: the one-row buffer holding column <paramref name="index"/>'s new value.</summary>
    public ColumnBuffer Value(int index) => _scratch[index];

    /// <summary>After a successful <see cref="TryPromote"/>: the properties left, as a JSON object; empty when none is left.</summary>
    public ReadOnlySpan<byte> Rest => _rest.Count == 0 ? default : _rest.Json;

    /// <summary>Values the column's type could not take, per column, since this instance was made (they stayed in <c>_unknown_fields</c>).</summary>
    public long Refused { get; private set; }

    /// <summary>
    /// Promotes what it can of one row's <c>_unknown_fields</c> object into the columns <paramref name="isNull"/> says
    /// the row holds null in. False when nothing moved, or the text is not a JSON object (the row is then kept as it is).
    /// </summary>
    public bool TryPromote(ReadOnlySpan<byte> unknownJson, Func<int, bool> isNull)
    {
        Array.Clear(_promoted);
        _rest.Reset();
        var moved = false;
        try
        {
            var reader = new Utf8JsonReader(unknownJson, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var refused = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var rawName = reader.ValueSpan;
                var index = _lookup.Find(ref reader, 0);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var took = false;
                if (index >= 0 && _candidate[index] && !_promoted[index] && isNull(index))
                {
                    took = TryDecode(ref reader, index);
                    refused += took ? 0 : 1;
                }

                reader.Skip();
                if (took)
                {
                    _promoted[index] = moved = true;
                }
                else
                {
                    _rest.Add(rawName, unknownJson[start..(int)reader.BytesConsumed]);
                }
            }

            Refused += refused;
            if (!moved)
            {
                return false;
            }

            if (_rest.Count > 0)
            {
                _rest.Finish();
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not ClickBatch's JSON (another writer, or a damaged file; an escape that is not UTF-8 makes the reader throw
            // InvalidOperationException): the row stays exactly as it is.
            return false;
        }
    }

    private bool TryDecode(ref Utf8JsonReader reader, int index)
    {
        var column = _scratch[index];
        column.Clear();
        if (reader.TokenType == JsonTokenType.Null)
        {
            column.AppendNull();
            return true;
        }

        var probe = reader;
        if (FieldValueReader.Read(ref probe, _fields[index], column) is null)
        {
            return true;
        }

        column.Clear();
        return false;
    }
}
