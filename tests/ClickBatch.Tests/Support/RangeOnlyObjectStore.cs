using ClickBatch.Storage;

namespace ClickBatch.Tests.Support;

/// <summary>Delegates to a real store but refuses whole-object reads and counts ranged reads (footer-only access checks).</summary>
public sealed class RangeOnlyObjectStore(IObjectStore inner) : ForwardingObjectStore(inner)
{
    public long BytesRead { get; private set; }

    public override Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken) =>
        key.EndsWith(".parquet", StringComparison.Ordinal) && !key.StartsWith("_delta_log/", StringComparison.Ordinal)
            ? throw new InvalidOperationException("whole data file read: " + key)
            : base.ReadAllBytesAsync(key, cancellationToken);

    public override async Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken)
    {
        BytesRead += length;
        return await base.ReadRangeAsync(key, offset, length, cancellationToken);
    }

    public override Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("stream read: " + key);
}
