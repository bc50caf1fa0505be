using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ClickBatch.Delta.Log;

/// <summary>
/// The MD5 checksum of <c>_last_checkpoint</c> over its canonical form (PROTOCOL.md "JSON checksum"): every leaf as
/// <c>"k1"+"k2"+0=value</c> with names and strings URL-encoded (RFC 3986 unreserved kept, %XX uppercase), pairs sorted
/// by the UTF-8 bytes of their path and joined by commas; the top-level <c>checksum</c> key is ignored.
/// </summary>
public static class LastCheckpointChecksum
{
    public static string Compute(JsonElement root)
    {
        var pairs = new List<(string Path, string Value)>();
        foreach (var property in root.EnumerateObject().Where(p => p.Name != "checksum"))
        {
            Walk(property.Value, Quote(property.Name), pairs);
        }

        var canonical = string.Join(',', pairs
            .OrderBy(p => Encoding.UTF8.GetBytes(p.Path), ByteOrder.Instance)
            .Select(p => p.Path + "=" + p.Value));
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>True when the file has no checksum or its checksum matches its content.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8.ToArray());
        return !document.RootElement.TryGetProperty("checksum", out var checksum)
            || string.Equals(checksum.GetString(), Compute(document.RootElement), StringComparison.OrdinalIgnoreCase);
    }

    private static void Walk(JsonElement element, string path, List<(string, string)> pairs)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path + "+" + Quote(property.Name), pairs);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path + "+" + index++, pairs);
                }

                break;
            case JsonValueKind.String:
                pairs.Add((path, Quote(element.GetString()!)));
                break;
            default:
                pairs.Add((path, element.GetRawText()));
                break;
        }
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.Append('"').ToString();
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
