namespace ClickBatch.Delta.Inspection;

/// <summary>A read-only seekable stream of a file's length that holds only its last bytes (reads before them give zeros).</summary>
internal sealed class TailStream(long length, byte[] tail) : Stream
{
    private readonly long _tailStart = length - tail.Length;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Clamp(length - Position, 0, count);
        for (var i = 0; i < n; i++)
        {
            var at = Position + i;
            buffer[offset + i] = at >= _tailStart ? tail[at - _tailStart] : (byte)0;
        }

        Position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
