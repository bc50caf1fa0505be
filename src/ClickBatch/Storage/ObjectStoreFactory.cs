using ClickBatch.Errors;

namespace ClickBatch.Storage;

/// <summary>Maps a lake or table URI to its object store: plain paths and <c>file://</c> URIs are local.</summary>
public static class ObjectStoreFactory
{
    public static IObjectStore Create(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return new LocalObjectStore(new Uri(uri).LocalPath);
        }

        if (uri.Contains("://", StringComparison.Ordinal))
        {
            throw new ConfigurationException(
                "table URI '" + uri + "' has a scheme this build cannot open; expected a local path or file:// URI"
                + " (s3:// arrives with the object-store issue).");
        }

        return new LocalObjectStore(Path.GetFullPath(uri));
    }
}
