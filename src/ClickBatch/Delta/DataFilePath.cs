using ClickBatch.Storage;

namespace ClickBatch.Delta;

/// <summary>Turns an <c>add.path</c> (a URI reference: relative to the table root, or absolute) into an object key.</summary>
public static class DataFilePath
{
    public static string ToKey(Uri table, string path)
    {
        if (!path.Contains(':', StringComparison.Ordinal))
        {
            return UriPath.Unescape(path);
        }

        var absolute = new Uri(path);
        var root = table.AbsoluteUri;
        if (!absolute.AbsoluteUri.StartsWith(root, StringComparison.Ordinal))
        {
            throw new DeltaLogCorruptException(
                "Expected data file " + path + " to live under the table root " + root + ", but it does not;"
                + " ClickBatch reads only files inside the table.").With("Table", root);
        }

        return UriPath.Unescape(absolute.AbsoluteUri[root.Length..]);
    }
}
