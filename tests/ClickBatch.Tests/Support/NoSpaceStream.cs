namespace ClickBatch.Tests.Support;

/// <summary>
/// A real file that fails like a full disk: the file is created, then every write throws the IOException .NET raises
/// for ENOSPC (errno 28). For tests of what a writer leaves behind when the disk fills up.
/// </summary>
public sealed class NoSpaceStream(string path) : FileStream(path, FileMode.CreateNew, FileAccess.Write)
{
    public const int Enospc = 28;

    public static IOException DiskFull(string path) => new("No space left on device : '" + path + "'", Enospc);

    public override void Write(byte[] buffer, int offset, int count) => throw DiskFull(Name);

    public override void Write(ReadOnlySpan<byte> buffer) => throw DiskFull(Name);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw DiskFull(Name);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => throw DiskFull(Name);
}
