namespace ClickBatch.Delta.Checkpoints;

/// <summary>
/// A private local folder for the files DuckDB reads and writes checkpoints through (DuckDB reads local paths only),
/// deleted on dispose. Next to it, <c>&lt;name&gt;.lock</c> is held exclusively from before the folder exists until after
/// it is gone: a killed process cannot clean up, but its lock dies with it, so creating a scratch folder first removes
/// the folders no live process holds (issue 13, item 10). No clock is needed to tell a live folder from a dead one.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    private const string LockSuffix = ".lock";
    private const int CreateAttempts = 3;

    private readonly FileStream _lock;

    private ScratchDirectory(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The default root: <c>&lt;temp&gt;/clickbatch-delta</c>.</summary>
    public static string DefaultRoot => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clickbatch-delta");

    public string Path { get; }

    /// <summary>Removes what killed processes left under <paramref name="root"/>, then creates a fresh locked folder there.</summary>
    public static ScratchDirectory Create(string? root = null)
    {
        root ??= DefaultRoot;
        Directory.CreateDirectory(root);
        RemoveAbandoned(root);
        for (var attempt = 1; ; attempt++)
        {
            var path = System.IO.Path.Combine(root, Guid.NewGuid().ToString("N"));
            try
            {
                var lockFile = new FileStream(path + LockSuffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                Directory.CreateDirectory(path);
                return new ScratchDirectory(path, lockFile);
            }
            catch (IOException) when (attempt < CreateAttempts)
            {
                // Another process's sweep probed the new lock file in the instant between its creation and its lock.
            }
        }
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        TryDelete(Path);
        TryDeleteFile(_lock.Name);
        _lock.Dispose();
    }

    /// <summary>
    /// Deletes every scratch folder under the root whose lock no process holds, and folders without a lock (a live
    /// process creates the lock first and deletes it last). Best effort: cleanup never fails a read.
    /// </summary>
    public static void RemoveAbandoned(string root)
    {
        foreach (var lockPath in Directory.EnumerateFiles(root, "*" + LockSuffix))
        {
            using var probe = TryLock(lockPath);
            if (probe is not null)
            {
                TryDelete(lockPath[..^LockSuffix.Length]);
                TryDeleteFile(lockPath);
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(root).Where(f => !System.IO.File.Exists(f + LockSuffix)))
        {
            TryDelete(folder);
        }
    }

    private static FileStream? TryLock(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Held by a live process, or removed meanwhile: not ours to delete.
            return null;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort; the next scratch folder created retries.
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            System.IO.File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort, as above.
        }
    }
}
