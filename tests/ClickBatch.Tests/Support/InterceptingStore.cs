using ClickBatch.Storage;

namespace ClickBatch.Tests.Support;

/// <summary>
/// A store that calls <paramref name="beforeWrite"/> with the key (and the content, empty for file uploads and
/// deletes) before every write, so a test can fail or "crash" chosen writes; reads go straight through.
/// </summary>
public sealed class InterceptingStore(IObjectStore inner, Action<string, ReadOnlyMemory<byte>> beforeWrite) : IObjectStore
{
    public Uri RootUri => inner.RootUri;

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, string? startAfter, CancellationToken cancellationToken) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken) => inner.ReadAllBytesAsync(key, cancellationToken);

    public Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken) =>
        inner.ReadRangeAsync(key, offset, length, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        beforeWrite(key, content);
        return inner.PutAsync(key, content, cancellationToken);
    }

    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        beforeWrite(key, ReadOnlyMemory<byte>.Empty);
        return inner.PutFileAsync(key, localPath, cancellationToken);
    }

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        beforeWrite(key, content);
        return inner.PutIfAbsentAsync(key, content, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        beforeWrite(key, ReadOnlyMemory<byte>.Empty);
        return inner.DeleteAsync(key, cancellationToken);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(key, cancellationToken);

    public Uri GetAbsoluteUri(string key) => inner.GetAbsoluteUri(key);
}
