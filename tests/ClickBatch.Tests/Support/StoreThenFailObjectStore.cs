using ClickBatch.Aws;
using ClickBatch.Storage;

namespace ClickBatch.Tests.Support;

/// <summary>What <see cref="StoreThenFailObjectStore"/> does to a matching put-if-absent.</summary>
public enum CommitAnswer
{
    /// <summary>Stores the object, then throws a transient error (S3 answering 500 until the retries run out).</summary>
    StoreThenThrow,

    /// <summary>Stores the object, then answers "exists" (S3 answered 500, the retry with If-None-Match: * got 412).</summary>
    StoreThenAnswerExists,

    /// <summary>Stores nothing and throws a transient error (S3 unreachable).</summary>
    ThrowWithoutStoring,
}

/// <summary>
/// Delegates to a real store, but the first <paramref name="times"/> put-if-absent calls on keys matching
/// <paramref name="matches"/> are answered as <paramref name="answer"/> says: a success reported as a failure.
/// </summary>
public sealed class StoreThenFailObjectStore(IObjectStore inner, Func<string, bool> matches, CommitAnswer answer, int times = 1) : IObjectStore
{
    private int _injected;

    public int Injected => Math.Min(Volatile.Read(ref _injected), times);

    public Uri RootUri => inner.RootUri;

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, string? startAfter, CancellationToken cancellationToken) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken) => inner.ReadAllBytesAsync(key, cancellationToken);

    public Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken) =>
        inner.ReadRangeAsync(key, offset, length, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutAsync(key, content, cancellationToken);

    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken) => inner.PutFileAsync(key, localPath, cancellationToken);

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (!matches(key) || Interlocked.Increment(ref _injected) > times)
        {
            return await inner.PutIfAbsentAsync(key, content, cancellationToken);
        }

        if (answer != CommitAnswer.ThrowWithoutStoring)
        {
            (await inner.PutIfAbsentAsync(key, content, cancellationToken)).ShouldBeTrue("the faked failure should hide a write that succeeded");
        }

        return answer == CommitAnswer.StoreThenAnswerExists
            ? false
            : throw new AwsUnreachableException("S3 conditional put of " + key, "http://127.0.0.1:1", new IOException("injected: connection reset after the request"));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(key, cancellationToken);

    public Uri GetAbsoluteUri(string key) => inner.GetAbsoluteUri(key);
}
