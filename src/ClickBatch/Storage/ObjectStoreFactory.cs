using ClickBatch.Errors;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Storage;

/// <summary>
/// Maps a lake or table URI to its object store: plain paths and <c>file://</c> URIs are local, <c>s3://bucket/prefix</c>
/// is S3 (region, endpoint and credentials from the injected environment).
/// </summary>
public static class ObjectStoreFactory
{
    public static IObjectStore Create(string uri, IReadOnlyDictionary<string, string> environment, TimeProvider clock, ILogger? logger = null)
    {
        StoreLocation.Ensure(uri);
        return uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)
            ? S3ObjectStoreFactory.Create(S3StoreLocation.Parse(uri), environment, clock, logger: logger)
            : Create(uri);
    }

    /// <summary>Local stores only; s3:// needs the environment overload.</summary>
    public static IObjectStore Create(string uri)
    {
        StoreLocation.Ensure(uri);
        if (uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            // A caller not yet passing the environment; a config error (exit 2) rather than a crash for the user.
            throw new ConfigurationException(
                "'" + uri + "': this command cannot open s3:// lakes yet (it does not pass the AWS settings through "
                + "ObjectStoreFactory.Create(uri, environment, clock)); use a local lake path for it.");
        }

        if (uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return new LocalObjectStore(new Uri(uri).LocalPath);
        }

        return new LocalObjectStore(Path.GetFullPath(uri));
    }
}
