using System.IO.Enumeration;
using System.Runtime.CompilerServices;

namespace ClickBatch.Storage;

/// <summary>
/// An <see cref="IObjectStore"/> over a local folder. Every write goes to a hidden temp file in the target folder
/// first and is then moved into place, so no reader ever sees a partial object under its final name. A write that
/// fails (disk full, a read-only folder) removes its temp file, so none is left behind (issue 13 item 10).
/// Put-if-absent hard-links the complete temp file to the final name with link(2), which fails with EEXIST when the
/// name exists: atomic and exclusive (File.Move without overwrite is neither; see <see cref="PosixLink"/>).
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    private const string TempPrefix = ".tmp.";
    private readonly string _root;
    private readonly Func<string, Stream> _createTemp;

    public LocalObjectStore(string rootPath)
        : this(rootPath, CreateTempFile)
    {
    }

    /// <summary>Tests: <paramref name="createTemp"/> opens the temp file of every write (e.g. one failing with ENOSPC).</summary>
    internal LocalObjectStore(string rootPath, Func<string, Stream> createTemp)
    {
        _root = Path.GetFullPath(rootPath);
        _createTemp = createTemp;
        RootUri = new Uri("file://" + UriPath.Escape(Path.TrimEndingDirectorySeparator(_root) + "/"));
    }

    public Uri RootUri { get; }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(
        string prefix, string? startAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var directory = Path.Combine(_root, prefix[..(prefix.LastIndexOf('/') + 1)]);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        // Names are filtered before a file's metadata is read: a listing after a key (the Delta log after a checkpoint or a
        // version) reads the size of the files after it only, not of every file in the folder (issue 15).
        var rootLength = Path.EndsInDirectorySeparator(_root) ? _root.Length : _root.Length + 1;
        var files = new FileSystemEnumerable<ObjectInfo?>(
            directory,
            (ref entry) => KeyOf(ref entry, rootLength) is var key && IsListed(key, entry.FileName, prefix, startAfter) ? TryDescribe(key, ref entry) : null,
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory,
        };
        var found = new List<ObjectInfo>();
        foreach (var info in files)
        {
            if (info is not null)
            {
                found.Add(info);
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var info in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return info;
        }

        await Task.CompletedTask;
    }

    public async Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(key), cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(GetAbsoluteUri(key), ex);
        }
    }

    public async Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken)
    {
        await using var stream = await OpenReadAsync(key, cancellationToken);
        stream.Position = offset;
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            return Task.FromResult(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(GetAbsoluteUri(key), ex);
        }
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WritingAsync("write", key, async () =>
        {
            var target = PathOf(key);
            MoveIntoPlace(await WriteTempAsync(target, s => s.WriteAsync(content, cancellationToken).AsTask(), cancellationToken), target);
            return true;
        });

    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken) =>
        WritingAsync("copy " + localPath + " to", key, async () =>
        {
            var target = PathOf(key);
            var temp = await WriteTempAsync(target, async s =>
            {
                await using var source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await source.CopyToAsync(s, cancellationToken);
            }, cancellationToken);
            MoveIntoPlace(temp, target);
            return true;
        });

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WritingAsync("create", key, async () =>
        {
            var target = PathOf(key);
            if (File.Exists(target))
            {
                return false;
            }

            var temp = await WriteTempAsync(target, s => s.WriteAsync(content, cancellationToken).AsTask(), cancellationToken);
            try
            {
                return PosixLink.TryCreate(temp, target);
            }
            finally
            {
                DeleteQuietly(temp);
            }
        });

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        WritingAsync("delete", key, () =>
        {
            File.Delete(PathOf(key));
            return Task.FromResult(true);
        });

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? new ObjectInfo(key, file.Length, file.LastWriteTimeUtc) : null);
    }

    public Uri GetAbsoluteUri(string key) => new(RootUri.AbsoluteUri + UriPath.Escape(key));

    /// <summary>Size and time of a listed file (read only now), or null when it vanished since the directory was read (e.g. log cleanup).</summary>
    private static ObjectInfo? TryDescribe(string key, ref FileSystemEntry entry)
    {
        try
        {
            var file = entry.ToFileSystemInfo();
            return new ObjectInfo(key, ((FileInfo)file).Length, file.LastWriteTimeUtc);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The object key of an enumerated file: its path below the store's root, with '/' separators.</summary>
    private static string KeyOf(ref FileSystemEntry entry, int rootLength)
    {
        var directory = entry.Directory.Length >= rootLength ? entry.Directory[rootLength..] : [];
        var key = directory.IsEmpty ? entry.FileName.ToString() : string.Concat(directory, "/", entry.FileName);
        return Path.DirectorySeparatorChar == '/' ? key : key.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static bool IsListed(string key, ReadOnlySpan<char> fileName, string prefix, string? startAfter) =>
        key.StartsWith(prefix, StringComparison.Ordinal)
        && !fileName.StartsWith(TempPrefix, StringComparison.Ordinal)
        && (startAfter is null || string.CompareOrdinal(key, startAfter) > 0);

    private static string TempPathFor(string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        return Path.Combine(Path.GetDirectoryName(target)!, TempPrefix + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N"));
    }

    private static Stream CreateTempFile(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);

    /// <summary>A failed delete of a temp file must not hide the failure that made it useless.</summary>
    private static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (LocalStoreException.IsFileSystem(e))
        {
            // left for the next writer to ignore: temp files are never listed
        }
    }

    private static void MoveIntoPlace(string temp, string target)
    {
        try
        {
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }
    }

    /// <summary>Writes a complete temp file next to <paramref name="target"/>; on any failure the temp file is removed.</summary>
    private async Task<string> WriteTempAsync(string target, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var temp = TempPathFor(target);
        try
        {
            await using (var stream = _createTemp(temp))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
            }

            return temp;
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }
    }

    /// <summary>Runs a write; a file-system failure becomes a <see cref="LocalStoreException"/> naming the operation and path.</summary>
    private async Task<T> WritingAsync<T>(string operation, string key, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception ex) when (LocalStoreException.IsFileSystem(ex))
        {
            throw new LocalStoreException(operation, PathOf(key), ex);
        }
    }

    private string PathOf(string key)
    {
        if (key.Length == 0 || key.StartsWith('/') || key.Split('/').Any(s => s is ".." or "."))
        {
            throw new ArgumentException("Object key '" + key + "' must be relative and must not contain '.' or '..' segments.", nameof(key));
        }

        return Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
