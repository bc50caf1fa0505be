using System.Text;

namespace ClickBatch.Catalog.Glue;

/// <summary>
/// Where Delta's symlink manifests live (https://docs.delta.io/latest/presto-integration.html): under
/// <c>&lt;table&gt;/_symlink_format_manifest/</c>, one <c>manifest</c> file per partition folder
/// <c>col1=v1/col2=v2/</c>, values escaped as Hive's escapePathName does, null as __HIVE_DEFAULT_PARTITION__.
/// The manifest writer and the Glue registration both use this, so partitions point where manifests are.
/// </summary>
public static class SymlinkManifestPaths
{
    public const string Folder = "_symlink_format_manifest/";

    public const string ManifestFile = "manifest";

    public const string NullPartitionValue = "__HIVE_DEFAULT_PARTITION__";

    // Hive FileUtils.charToEscape: control characters and these.
    private const string Escaped = "\"#%'*/:=?\\\u007F{[]^";

    /// <summary>Relative folder of one partition, e.g. <c>_symlink_format_manifest/event_date=2024-01-01/</c>.</summary>
    public static string PartitionFolder(IReadOnlyList<string> columns, IReadOnlyList<string?> values)
    {
        var builder = new StringBuilder(Folder);
        for (var i = 0; i < columns.Count; i++)
        {
            builder.Append(EscapePathName(columns[i])).Append('=').Append(EscapePathName(PartitionValue(values[i]))).Append('/');
        }

        return builder.ToString();
    }

    /// <summary>The partition value Hive and Glue use: null and empty become __HIVE_DEFAULT_PARTITION__.</summary>
    public static string PartitionValue(string? value) => string.IsNullOrEmpty(value) ? NullPartitionValue : value;

    /// <summary>Hive's escapePathName: %XX (upper case hex) for control and reserved characters.</summary>
    public static string EscapePathName(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c < ' ' || Escaped.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
