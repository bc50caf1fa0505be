namespace ClickBatch.Storage;

/// <summary>
/// A flat key/value object store rooted at one URI (a table root): keys are relative, '/'-separated, never start
/// with '/'. No renames and no directories, so an S3 implementation is a thin mapping (ListObjectsV2, GetObject,
/// PutObject with If-None-Match: *, DeleteObject, HeadObject).
/// </summary>
public interface IObjectStore
{
    /// <summary>The root URI every key is relative to, e.g. <c>file:///lake/clicks</c> or <c>s3://bucket/clicks</c>.</summary>
    Uri RootUri { get; }

    /// <summary>Lists objects whose key starts with <paramref name="prefix"/>, in ordinal key order, recursively.</summary>
    /// <remarks>The prefix is e.g. <c>_delta_log/</c>; with startAfter only keys ordinally greater than it are returned.</remarks>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, string? startAfter, CancellationToken cancellationToken);

    /// <summary>Reads a whole object. Throws <see cref="ObjectNotFoundException"/> when it does not exist.</summary>
    Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken);

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/> (S3: a ranged GetObject), e.g. a Parquet footer.</summary>
    Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken);

    /// <summary>Opens an object for reading. Throws <see cref="ObjectNotFoundException"/> when it does not exist.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes (or replaces) an object atomically: readers see the old or the new content, never a part.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Uploads a local file as an object (large data files), atomically as <see cref="PutAsync"/>.</summary>
    Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the object only when no object has that key. Returns false (and writes nothing) when it exists.
    /// This is the Delta commit primitive: two writers racing for one key, exactly one gets true.
    /// </summary>
    Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Deletes an object; deleting a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>True when an object with this key exists.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Size and last-modified time of an object, or null when it does not exist.</summary>
    Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken);

    /// <summary>The absolute URI of a key (what Redshift Spectrum manifests list).</summary>
    Uri GetAbsoluteUri(string key);
}
