using ClickBatch.Errors;

namespace ClickBatch.Storage;

/// <summary>A write to a local lake folder failed (not a folder, read-only, no space, no permission).</summary>
public sealed class LocalStoreException : ClickBatchException
{
    public LocalStoreException(string operation, string path, Exception inner)
        : base("Could not " + operation + " " + path + ": " + inner.Message + " Check that --lake names a writable folder with free space.", inner)
    {
        With("Operation", operation).With("Path", path);
    }

    /// <summary>The file-system failures a write can meet; everything else is a bug and stays as it is.</summary>
    public static bool IsFileSystem(Exception exception) => exception is IOException or UnauthorizedAccessException;
}
