using ClickBatch.Storage;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// Wraps a store and runs an action once, just before the first Delta commit (put-if-absent under <c>_delta_log/</c>):
/// another writer committing while this one was busy, so this one loses the race for its version.
/// With <paramref name="skipTableCreation"/>, creating the table (version 0) does not count as the first commit.
/// </summary>
public sealed class BeforeCommitStore(IObjectStore inner, Func<Task> beforeFirstCommit, bool skipTableCreation = false) : IObjectStore
{
    private const string CreationKey = "_delta_log/00000000000000000000.json";

    private bool _done;

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
        if (!_done && key.StartsWith("_delta_log/", StringComparison.Ordinal) && !(skipTableCreation && key == CreationKey))
        {
            _done = true;
            await beforeFirstCommit();
        }

        return await inner.PutIfAbsentAsync(key, content, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(key, cancellationToken);

    public Uri GetAbsoluteUri(string key) => inner.GetAbsoluteUri(key);
}
