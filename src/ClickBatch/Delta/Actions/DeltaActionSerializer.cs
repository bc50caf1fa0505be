using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClickBatch.Delta.Actions;

/// <summary>Reads and writes newline-delimited Delta actions (commit files, JSON checkpoints, DuckDB rows).</summary>
public static class DeltaActionSerializer
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses every non-empty line of <paramref name="utf8"/>; <paramref name="source"/> names the file in errors.</summary>
    public static List<DeltaAction> ParseLines(ReadOnlySpan<byte> utf8, string source)
    {
        var actions = new List<DeltaAction>();
        var lineNumber = 0;
        while (!utf8.IsEmpty)
        {
            lineNumber++;
            var end = utf8.IndexOf((byte)'\n');
            var line = end < 0 ? utf8 : utf8[..end];
            utf8 = end < 0 ? [] : utf8[(end + 1)..];
            if (!line.Trim(" \r\t"u8).IsEmpty)
            {
                actions.Add(ParseLine(line, source, lineNumber));
            }
        }

        return actions;
    }

    /// <summary>Serializes actions one per line, each line ending in '\n' (PROTOCOL.md "Delta Log Entries").</summary>
    public static byte[] Serialize(IEnumerable<DeltaAction> actions)
    {
        using var buffer = new MemoryStream();
        foreach (var action in actions)
        {
            JsonSerializer.Serialize(buffer, action, Options);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    public static string SerializeLine(DeltaAction action) => JsonSerializer.Serialize(action, Options);

    private static DeltaAction ParseLine(ReadOnlySpan<byte> line, string source, int lineNumber)
    {
        try
        {
            var action = JsonSerializer.Deserialize<DeltaAction>(line, Options)
                ?? throw new JsonException("the line is the JSON literal null");
            return ActionValidator.FindProblem(action) is { } problem ? throw new JsonException(problem) : action;
        }
        catch (JsonException ex)
        {
            throw new DeltaLogCorruptException(
                "Expected one JSON action per line in " + source + ", but line " + lineNumber + " is not a valid action ("
                + ex.Message + "): " + Truncate(Encoding.UTF8.GetString(line)) + ". The log file is damaged; restore it from a backup.", ex)
                .With("File", source);
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
