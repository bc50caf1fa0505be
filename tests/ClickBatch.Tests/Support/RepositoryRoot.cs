namespace ClickBatch.Tests.Support;

/// <summary>The repository's root folder (the one holding ClickBatch.sln), found above the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ClickBatch.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("ClickBatch.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
