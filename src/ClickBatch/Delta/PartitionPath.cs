using System.Globalization;
using System.Text;

namespace ClickBatch.Delta;

/// <summary>
/// Hive-style partition folders (<c>col=value/col2=value2</c>) escaped as Spark's ExternalCatalogUtils.escapePathName
/// does, with <c>__HIVE_DEFAULT_PARTITION__</c> for null (and empty, which the protocol reads as null).
/// The result is an object key fragment; <c>add.path</c> is its URI form (<see cref="Storage.UriPath.Escape"/>).
/// </summary>
public static class PartitionPath
{
    public const string NullPartition = "__HIVE_DEFAULT_PARTITION__";

    private const string SpecialCharacters = "\"#%'*/:=?\\\u007F{[]^";

    public static string Build(IReadOnlyList<string> columns, IReadOnlyDictionary<string, string?> values)
    {
        var path = new StringBuilder();
        foreach (var column in columns)
        {
            if (!values.TryGetValue(column, out var value))
            {
                throw new ArgumentException("No partition value for column '" + column + "'; every partition column needs one (null allowed).", nameof(values));
            }

            path.Append(path.Length == 0 ? string.Empty : "/").Append(Folder(column, value));
        }

        return path.ToString();
    }

    /// <summary>The folder of one partition column and its serialized value, e.g. <c>dt=2024-01-05</c>.</summary>
    public static string Folder(string column, string? value) =>
        Escape(column) + "=" + (string.IsNullOrEmpty(value) ? NullPartition : Escape(value));

    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c < 0x20 || SpecialCharacters.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
