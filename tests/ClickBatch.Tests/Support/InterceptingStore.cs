using ClickBatch.Storage;

namespace ClickBatch.Tests.Support;

/// <summary>
/// A store that calls <paramref name="beforeWrite"/> with the key (and the content, empty for file uploads and
/// deletes) before every write, so a test can fail or "crash" chosen writes; reads go straight through.
/// </summary>
public sealed class InterceptingStore(IObjectStore inner, Action<string, ReadOnlyMemory<byte>> beforeWrite) : ForwardingObjectStore(inner)
{
    public override Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        beforeWrite(key, content);
        return base.PutAsync(key, content, cancellationToken);
    }

    public override Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        beforeWrite(key, ReadOnlyMemory<byte>.Empty);
        return base.PutFileAsync(key, localPath, cancellationToken);
    }

    public override Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        beforeWrite(key, content);
        return base.PutIfAbsentAsync(key, content, cancellationToken);
    }

    public override Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        beforeWrite(key, ReadOnlyMemory<byte>.Empty);
        return base.DeleteAsync(key, cancellationToken);
    }
}
