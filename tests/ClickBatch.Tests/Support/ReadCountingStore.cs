using System.Collections.Concurrent;
using ClickBatch.Storage;

namespace ClickBatch.Tests.Support;

/// <summary>A store that counts the reads of each key (whole, ranged or streamed); everything goes straight through.</summary>
public sealed class ReadCountingStore(IObjectStore inner) : ForwardingObjectStore(inner)
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    public int ReadsOf(string key) => _reads.GetValueOrDefault(key);

    public override Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken) =>
        Count(key, base.ReadAllBytesAsync(key, cancellationToken));

    public override Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken) =>
        Count(key, base.ReadRangeAsync(key, offset, length, cancellationToken));

    public override Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => Count(key, base.OpenReadAsync(key, cancellationToken));

    private T Count<T>(string key, T result)
    {
        _reads.AddOrUpdate(key, 1, (_, n) => n + 1);
        return result;
    }
}
