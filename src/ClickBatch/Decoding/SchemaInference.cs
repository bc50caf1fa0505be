using System.Text.Json;

namespace ClickBatch.Decoding;

/// <summary>
/// Infers a topic schema from a sample of its JSON values (<c>clickbatch schema infer</c>, docs/schema-evolution.md): per
/// top-level property the one type every sampled value fits under the decoder's strict rules. Chooses the wider type
/// where the sample cannot tell (integers are <c>long</c>, fractions <c>double</c>), since a type can never be widened
/// later; marks nothing required. Properties no column type takes (objects, arrays, mixed types, only nulls, names
/// Delta cannot store) are left out with the reason: their values stay, byte-exact, in <c>_unknown_fields</c>.
/// </summary>
public sealed class SchemaInference
{
    private readonly Dictionary<string, Observed> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Values sampled.</summary>
    public int Samples { get; private set; }

    /// <summary>Sampled values that are not one JSON object (they would be rejects).</summary>
    public int NotObjects { get; private set; }

    public void Add(ReadOnlySpan<byte> value)
    {
        Samples++;
        try
        {
            var reader = new Utf8JsonReader(value, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                NotObjects++;
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (seen.Add(name))
                {
                    Field(name).Observe(ref reader);
                }

                reader.Skip();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            NotObjects++;
        }
    }

    /// <summary>The inferred fields in first-seen order, the event-time field (or null), and what was left out and why.</summary>
    public InferredSchema Result()
    {
        var fields = new List<(string Name, string Type)>();
        var left = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in _order)
        {
            var observed = _fields[name];
            var type = observed.Type(out var why);
            if (type is null)
            {
                left.Add("'" + name + "': " + why);
            }
            else if (name.Length == 0 || name != name.Trim() || MetadataColumns.IsReserved(name)
                || name.IndexOfAny([' ', ',', ';', '{', '}', '(', ')', '=', '\t', '\n', '\r', ':', '!']) >= 0
                || SchemaParser.TryParse("inferred", name + ":" + type, null, []) is null)
            {
                left.Add("'" + name + "': a name ClickBatch reserves or Delta cannot store without column mapping");
            }
            else if (!names.Add(name))
            {
                left.Add("'" + name + "': differs from another property only in case (Delta column names are case-insensitive)");
            }
            else
            {
                fields.Add((name, type));
            }
        }

        var timestamps = fields.Where(f => f.Type == "timestamp").Select(f => f.Name).ToList();
        var eventTime = timestamps.FirstOrDefault(t => _fields[t].Present == Samples - NotObjects) ?? timestamps.FirstOrDefault();
        return new InferredSchema(fields, eventTime, left, Samples, NotObjects);
    }

    private Observed Field(string name)
    {
        if (!_fields.TryGetValue(name, out var observed))
        {
            _fields[name] = observed = new Observed();
            _order.Add(name);
        }

        return observed;
    }

    private sealed class Observed
    {
        private int _nulls;
        private int _strings;
        private int _timestamps;
        private int _dates;
        private int _integers;
        private int _fractions;
        private int _booleans;
        private int _nested;

        public int Present { get; private set; }

        public void Observe(ref Utf8JsonReader reader)
        {
            Present++;
            switch (reader.TokenType)
            {
                case JsonTokenType.Null: _nulls++; break;
                case JsonTokenType.True or JsonTokenType.False: _booleans++; break;
                case JsonTokenType.Number when reader.TryGetInt64(out _): _integers++; break;
                case JsonTokenType.Number: _fractions++; break;
                case JsonTokenType.String: ObserveString(ref reader); break;
                default: _nested++; break;
            }
        }

        private void ObserveString(ref Utf8JsonReader reader)
        {
            _strings++;
            var text = reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan.ToArray();
            _timestamps += TimestampParser.TryParse(text, out _) ? 1 : 0;
            _dates += TimestampParser.TryParseDate(text, out _) ? 1 : 0;
        }

        public string? Type(out string why)
        {
            var values = Present - _nulls;
            why = string.Empty;
            if (values == 0)
            {
                why = "only null in the sample";
                return null;
            }

            if (_nested > 0)
            {
                why = "holds JSON objects or arrays, which no column type takes";
                return null;
            }

            var kinds = (_strings > 0 ? 1 : 0) + (_integers + _fractions > 0 ? 1 : 0) + (_booleans > 0 ? 1 : 0);
            if (kinds > 1)
            {
                why = "holds values of different JSON types (strings, numbers, booleans); any one column type would reject some";
                return null;
            }

            return _strings > 0 ? (_timestamps == _strings ? "timestamp" : _dates == _strings ? "date" : "string")
                : _booleans > 0 ? "boolean"
                : _fractions > 0 ? "double" : "long";
        }
    }
}

/// <summary>What <see cref="SchemaInference"/> found: the schema as the configuration writes it, and what it left out.</summary>
public sealed record InferredSchema(
    IReadOnlyList<(string Name, string Type)> Fields, string? EventTimeField, IReadOnlyList<string> LeftOut, int Samples, int NotObjects)
{
    /// <summary>The <c>Topics[].Schema</c> text: <c>name:type,...</c>, all nullable.</summary>
    public string Definition => string.Join(",", Fields.Select(f => f.Name + ":" + f.Type));
}
