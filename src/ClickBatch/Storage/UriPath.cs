using System.Text;

namespace ClickBatch.Storage;

/// <summary>
/// Percent-encodes object keys the way Hadoop's <c>Path.toUri()</c> (java.net.URI) does, which is what Spark writes
/// into Delta paths and symlink manifests: unreserved and path punctuation stay, everything else is UTF-8 %XX.
/// </summary>
public static class UriPath
{
    private const string Safe = "-_.!~*'();:$&+,=@/";

    public static string Escape(string key)
    {
        var builder = new StringBuilder(key.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || Safe.Contains(c, StringComparison.Ordinal)))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes a Delta <c>add.path</c> (an RFC 2396 URI reference) into an object key.</summary>
    public static string Unescape(string path) => Uri.UnescapeDataString(path);
}
