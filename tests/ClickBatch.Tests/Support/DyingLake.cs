using ClickBatch.Storage;

namespace ClickBatch.Tests.Support;

/// <summary>
/// Local stores of one lake whose process "dies" at a chosen write: that write and every write after it, to any
/// store of the lake, throws <see cref="ProcessDiedException"/>, so nothing after that point lands, the run's final
/// ledger entry included (as after SIGKILL). What is on disk then is what a killed run leaves.
/// </summary>
/// <param name="diesAt">Given the store's root and the key of a write: true for the write the process dies at.</param>
public sealed class DyingLake(Func<string, string, bool> diesAt)
{
    public bool Died { get; private set; }

    public IObjectStore Open(string uri) => new InterceptingStore(new LocalObjectStore(uri), (key, _) => Write(uri, key));

    private void Write(string uri, string key)
    {
        if (Died || diesAt(uri, key))
        {
            Died = true;
            throw new ProcessDiedException("the process died writing " + key + " under " + uri);
        }
    }

    /// <summary>Stands for the process ending at that point; no layer of ClickBatch knows it.</summary>
    public sealed class ProcessDiedException(string message) : Exception(message);
}
