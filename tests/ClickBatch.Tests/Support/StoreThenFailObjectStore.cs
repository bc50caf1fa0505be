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
public sealed class StoreThenFailObjectStore(IObjectStore inner, Func<string, bool> matches, CommitAnswer answer, int times = 1) : ForwardingObjectStore(inner)
{
    private int _injected;

    public int Injected => Math.Min(Volatile.Read(ref _injected), times);

    public override async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (!matches(key) || Interlocked.Increment(ref _injected) > times)
        {
            return await base.PutIfAbsentAsync(key, content, cancellationToken);
        }

        if (answer != CommitAnswer.ThrowWithoutStoring)
        {
            (await base.PutIfAbsentAsync(key, content, cancellationToken)).ShouldBeTrue("the faked failure should hide a write that succeeded");
        }

        return answer == CommitAnswer.StoreThenAnswerExists
            ? false
            : throw new AwsUnreachableException("S3 conditional put of " + key, "http://127.0.0.1:1", new IOException("injected: connection reset after the request"));
    }
}
