using ClickBatch.Errors;

namespace ClickBatch.Storage;

/// <summary>A bucket and a key prefix parsed from <c>s3://bucket/prefix</c>; maps store-relative keys to S3 keys.</summary>
public sealed record S3StoreLocation(string Bucket, string Prefix)
{
    public static S3StoreLocation Parse(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme != "s3" || string.IsNullOrEmpty(parsed.Host))
        {
            throw new ConfigurationException("'" + uri + "' is not an S3 URI; expected s3://bucket or s3://bucket/prefix.");
        }

        var prefix = Uri.UnescapeDataString(parsed.AbsolutePath).Trim('/');
        return new S3StoreLocation(parsed.Host, prefix.Length == 0 ? string.Empty : prefix + "/");
    }

    public Uri RootUri => new("s3://" + Bucket + "/" + UriPath.Escape(Prefix));

    /// <summary>The S3 key of a store-relative key.</summary>
    public string KeyOf(string key) => Prefix + key;

    /// <summary>The store-relative key of an S3 key under <see cref="Prefix"/>.</summary>
    public string RelativeKey(string s3Key) => s3Key[Prefix.Length..];
}
