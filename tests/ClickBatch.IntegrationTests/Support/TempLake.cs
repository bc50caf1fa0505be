namespace ClickBatch.IntegrationTests.Support;

/// <summary>A lake folder and a staging folder under the temp directory, deleted on dispose.</summary>
public sealed class TempLake : IDisposable
{
    private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clickbatch-it", Guid.NewGuid().ToString("N"));

    public TempLake()
    {
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(Staging);
    }

    public string Path => System.IO.Path.Combine(_root, "lake");

    public string Staging => System.IO.Path.Combine(_root, "staging");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}
