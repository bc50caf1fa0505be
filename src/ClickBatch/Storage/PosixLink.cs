using System.Runtime.InteropServices;

namespace ClickBatch.Storage;

/// <summary>
/// link(2): creates a second name for a file and fails with EEXIST when that name exists, atomically. This is the
/// local put-if-absent primitive: .NET's File.Move(overwrite: false) checks existence and then renames, which lets
/// two racing writers both "win" (measured here: two writers committed the same Delta version).
/// </summary>
internal static partial class PosixLink
{
    private const int EEXIST = 17;

    /// <summary>True when the link was created; false when <paramref name="newPath"/> already exists.</summary>
    public static bool TryCreate(string existingPath, string newPath)
    {
        if (Link(existingPath, newPath) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == EEXIST
            ? false
            : throw new IOException(
                "Expected to create " + newPath + " exclusively with link(2), but it failed with errno " + errno
                + ". The lake folder must be on a file system with hard links (ext4, xfs, APFS, overlayfs) for atomic commits.");
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);
}
