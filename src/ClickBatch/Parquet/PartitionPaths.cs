using System.Globalization;
using System.Text;

namespace ClickBatch.Parquet;

/// <summary>
/// Hive-style partition folders as Delta writers produce them: <c>col=value/</c>, with characters that are unsafe in
/// paths escaped as <c>%XX</c> (Hive's escapePathName set), and the null value as <c>__HIVE_DEFAULT_PARTITION__</c>.
/// </summary>
public static class PartitionPaths
{
    public const string NullPartitionFolderValue = "__HIVE_DEFAULT_PARTITION__";

    private const string EscapedCharacters = "\"#%'*/:=?\\\u007F{[]^";

    /// <summary>The folder name for a column and its serialized value, e.g. <c>dt=2024-01-05</c>.</summary>
    public static string Folder(string column, string? value) =>
        Escape(column) + "=" + (value is null ? NullPartitionFolderValue : Escape(value));

    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c < ' ' || EscapedCharacters.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>URI-encodes a relative path for a Delta add action (RFC 2396 path: '%' and non-path characters escaped).</summary>
    public static string ToDeltaPath(string relativePath) =>
        string.Join('/', relativePath.Split('/').Select(segment => Uri.EscapeDataString(segment).Replace("%3D", "=", StringComparison.Ordinal)));
}
