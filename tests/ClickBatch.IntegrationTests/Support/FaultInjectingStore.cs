using ClickBatch.Storage;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// Wraps a store and "crashes" (throws <see cref="InjectedCrashException"/>) on the Nth call matching a rule, to
/// stop a run at a chosen stage the way SIGKILL would: nothing after that point happens.
/// </summary>
public sealed class FaultInjectingStore(IObjectStore inner, Func<string, string, bool> matches, int crashOnMatch, Action? onCrash = null) : IObjectStore
{
    private int _matches;

    public Uri RootUri => inner.RootUri;

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, string? startAfter, CancellationToken cancellationToken) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken) => inner.ReadAllBytesAsync(key, cancellationToken);

    public Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken) =>
        inner.ReadRangeAsync(key, offset, length, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Check("put", key);
        return inner.PutAsync(key, content, cancellationToken);
    }

    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        Check("put-file", key);
        return inner.PutFileAsync(key, localPath, cancellationToken);
    }

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Check("put-if-absent", key);
        return inner.PutIfAbsentAsync(key, content, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Check("delete", key);
        return inner.DeleteAsync(key, cancellationToken);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(key, cancellationToken);

    public Uri GetAbsoluteUri(string key) => inner.GetAbsoluteUri(key);

    private void Check(string operation, string key)
    {
        if (matches(operation, key) && Interlocked.Increment(ref _matches) == crashOnMatch)
        {
            onCrash?.Invoke();
            throw new InjectedCrashException($"injected crash at {operation} {key}");
        }
    }
}
