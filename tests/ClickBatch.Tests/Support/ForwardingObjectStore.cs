using ClickBatch.Storage;

namespace ClickBatch.Tests.Support;

/// <summary>A store that passes every call to <paramref name="inner"/>; test stores override the calls they watch or fake.</summary>
public abstract class ForwardingObjectStore(IObjectStore inner) : IObjectStore
{
    public virtual Uri RootUri => inner.RootUri;

    public virtual IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, string? startAfter, CancellationToken cancellationToken) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public virtual Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken) => inner.ReadAllBytesAsync(key, cancellationToken);

    public virtual Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken) =>
        inner.ReadRangeAsync(key, offset, length, cancellationToken);

    public virtual Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public virtual Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        inner.PutAsync(key, content, cancellationToken);

    public virtual Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken) =>
        inner.PutFileAsync(key, localPath, cancellationToken);

    public virtual Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        inner.PutIfAbsentAsync(key, content, cancellationToken);

    public virtual Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public virtual Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public virtual Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(key, cancellationToken);

    public virtual Uri GetAbsoluteUri(string key) => inner.GetAbsoluteUri(key);
}
