using System.Collections.Concurrent;
using ClickBatch.Storage;

namespace ClickBatch.Tests.Support;

/// <summary>A store that counts the reads of each key (whole, ranged or streamed); everything goes straight through.</summary>
public sealed class ReadCountingStore(IObjectStore inner) : IObjectStore
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    public Uri RootUri => inner.RootUri;

    public int ReadsOf(string key) => _reads.GetValueOrDefault(key);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, string? startAfter, CancellationToken cancellationToken) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken) =>
        Count(key, inner.ReadAllBytesAsync(key, cancellationToken));

    public Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken) =>
        Count(key, inner.ReadRangeAsync(key, offset, length, cancellationToken));

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => Count(key, inner.OpenReadAsync(key, cancellationToken));

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutAsync(key, content, cancellationToken);

    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken) => inner.PutFileAsync(key, localPath, cancellationToken);

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        inner.PutIfAbsentAsync(key, content, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(key, cancellationToken);

    public Uri GetAbsoluteUri(string key) => inner.GetAbsoluteUri(key);

    private T Count<T>(string key, T result)
    {
        _reads.AddOrUpdate(key, 1, (_, n) => n + 1);
        return result;
    }
}
