using ClickBatch.Storage;

namespace ClickBatch.Tests.Support;

/// <summary>Delegates to a real store but refuses whole-object reads and counts ranged reads (footer-only access checks).</summary>
public sealed class RangeOnlyObjectStore(IObjectStore inner) : IObjectStore
{
    public long BytesRead { get; private set; }

    public Uri RootUri => inner.RootUri;

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, string? startAfter, CancellationToken cancellationToken) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken) =>
        key.EndsWith(".parquet", StringComparison.Ordinal) && !key.StartsWith("_delta_log/", StringComparison.Ordinal)
            ? throw new InvalidOperationException("whole data file read: " + key)
            : inner.ReadAllBytesAsync(key, cancellationToken);

    public async Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken)
    {
        BytesRead += length;
        return await inner.ReadRangeAsync(key, offset, length, cancellationToken);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("stream read: " + key);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutAsync(key, content, cancellationToken);

    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken) => inner.PutFileAsync(key, localPath, cancellationToken);

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        inner.PutIfAbsentAsync(key, content, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(key, cancellationToken);

    public Uri GetAbsoluteUri(string key) => inner.GetAbsoluteUri(key);
}
