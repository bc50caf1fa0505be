using System.Text.Json;
using ClickBatch.Errors;

namespace ClickBatch.Decoding;

/// <summary>
/// Reads a topic schema from configuration, either the compact text form
/// <c>click_id:string!,user_id:int!,price:double,total:decimal(10,2)</c> (<c>!</c> = required) or a JSON array
/// <c>[{"name":"click_id","type":"string","required":true}, ...]</c>. Every problem is collected and reported at
/// once as a <see cref="ConfigurationException"/>.
/// </summary>
public static class SchemaParser
{
    /// <summary>Parses and validates; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static TopicSchema Parse(string topic, string definition, string? eventTimeField)
    {
        var problems = new List<string>();
        var schema = TryParse(topic, definition, eventTimeField, problems);
        return problems.Count == 0 ? schema! : throw new ConfigurationException(problems);
    }

    /// <summary>Parses and validates, adding problems (prefixed with the topic) to <paramref name="problems"/>.</summary>
    public static TopicSchema? TryParse(string topic, string definition, string? eventTimeField, List<string> problems)
    {
        var before = problems.Count;
        var trimmed = definition.Trim();
        var fields = trimmed.StartsWith('[')
            ? ParseJson(topic, trimmed, problems)
            : ParseText(topic, trimmed, problems);
        var schema = new TopicSchema(topic, fields, eventTimeField);
        SchemaValidator.Validate(schema, problems);
        return problems.Count == before ? schema : null;
    }

    private static List<FieldSpec> ParseText(string topic, string definition, List<string> problems)
    {
        var fields = new List<FieldSpec>();
        foreach (var entry in SplitTopLevel(definition))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                problems.Add($"schema of topic '{topic}': entry '{entry}' must be name:type (e.g. user_id:int!)");
                continue;
            }

            var type = entry[(colon + 1)..].Trim();
            var required = type.EndsWith('!');
            AddField(topic, entry[..colon].Trim(), required ? type[..^1].Trim() : type, required, fields, problems);
        }

        return fields;
    }

    private static List<FieldSpec> ParseJson(string topic, string definition, List<string> problems)
    {
        var fields = new List<FieldSpec>();
        try
        {
            using var document = JsonDocument.Parse(definition);
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var name = element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
                var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                var required = element.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
                AddField(topic, name, type, required, fields, problems);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            problems.Add($"schema of topic '{topic}': expected a JSON array of {{\"name\",\"type\",\"required\"}} objects, "
                + "found invalid JSON (" + ex.Message + ")");
        }

        return fields;
    }

    private static void AddField(string topic, string name, string type, bool required, List<FieldSpec> fields, List<string> problems)
    {
        var spec = FieldTypeParser.TryParse(name, type, required);
        if (spec is null)
        {
            problems.Add($"schema of topic '{topic}': field '{name}' has unknown type '{type}'; expected one of "
                + "string, int, long, double, boolean, decimal(p,s) with 1<=p<=18 and 0<=s<=p, timestamp, date");
            return;
        }

        fields.Add(spec);
    }

    private static IEnumerable<string> SplitTopLevel(string definition)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= definition.Length; i++)
        {
            var c = i < definition.Length ? definition[i] : ',';
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0)
            {
                var entry = definition[start..i].Trim();
                if (entry.Length > 0)
                {
                    yield return entry;
                }

                start = i + 1;
            }
        }
    }
}
