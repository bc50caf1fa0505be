namespace ClickBatch.IntegrationTests.Support;

/// <summary>The repository root: the folder above the test binaries that holds ClickBatch.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ClickBatch.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ClickBatch.sln not found above " + AppContext.BaseDirectory);
    }
}
