using System.Text;

namespace ClickBatch.Aws;

/// <summary>
/// The canonical forms of SigV4 (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html):
/// normalized, URI-encoded path; sorted, encoded query; lower-cased, trimmed, sorted headers.
/// </summary>
internal static class SigV4Canonical
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Removes empty and "." segments, resolves "..", keeps a trailing slash, encodes each segment.</summary>
    public static string Path(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(UriEncode(segment));
        }

        var trailing = segments.Count > 0 && path.EndsWith('/') ? "/" : string.Empty;
        return "/" + string.Join('/', segments) + trailing;
    }

    /// <summary>Decodes each name and value, encodes them the SigV4 way and sorts by name, then value (ordinal).</summary>
    public static string Query(string query)
    {
        var pairs = new List<(string Name, string Value)>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(name)), UriEncode(Uri.UnescapeDataString(value))));
        }

        pairs.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>Returns the canonical header block (each line ending in \n) and the signed-headers list.</summary>
    public static (string Canonical, string Signed) Headers(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            if (!byName.TryGetValue(key, out var values))
            {
                byName[key] = values = [];
            }

            values.Add(CollapseSpaces(value));
        }

        var canonical = new StringBuilder();
        foreach (var (name, values) in byName)
        {
            canonical.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        }

        return (canonical.ToString(), string.Join(';', byName.Keys));
    }

    /// <summary>Percent-encodes every byte of the UTF-8 form except the unreserved characters A-Z a-z 0-9 - _ . ~.</summary>
    public static string UriEncode(string value)
    {
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved((char)b))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return encoded.ToString();
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';

    private static string CollapseSpaces(string value)
    {
        var collapsed = new StringBuilder(value.Length);
        foreach (var c in value.Trim())
        {
            var isSpace = c is ' ' or '\t';
            if (!isSpace || collapsed.Length == 0 || collapsed[^1] != ' ')
            {
                collapsed.Append(isSpace ? ' ' : c);
            }
        }

        return collapsed.ToString();
    }
}
