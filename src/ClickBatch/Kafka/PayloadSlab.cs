namespace ClickBatch.Kafka;

/// <summary>
/// The memory a chunk's keys and values are copied into: fixed segments reused from chunk to chunk, so reading
/// allocates no array per record. <see cref="Reset"/> hands the segments to the next chunk, which overwrites them:
/// a chunk's records are valid until the next chunk is read. A payload larger than a segment gets an array of its own.
/// </summary>
internal sealed class PayloadSlab
{
    /// <summary>Bytes per segment: 256 KiB, a few records' worth of the largest payloads a topic usually carries.</summary>
    internal const int SegmentBytes = 256 * 1024;

    private readonly List<byte[]> _segments = [];
    private int _segment;
    private int _used;

    /// <summary>Segments kept for reuse; they grow with the largest chunk read and are never given back.</summary>
    public long RetainedBytes => (long)_segments.Count * SegmentBytes;

    /// <summary>Starts a new chunk: every memory handed out before is overwritten from here on.</summary>
    public void Reset() => (_segment, _used) = (0, 0);

    /// <summary>A copy of <paramref name="length"/> bytes at <paramref name="source"/>, valid until the next <see cref="Reset"/>.</summary>
    public unsafe ReadOnlyMemory<byte> Copy(nint source, int length) => Copy(new ReadOnlySpan<byte>((void*)source, length));

    /// <summary>A copy of <paramref name="bytes"/>, valid until the next <see cref="Reset"/>.</summary>
    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > SegmentBytes)
        {
            return bytes.ToArray();
        }

        if (_used + bytes.Length > SegmentBytes)
        {
            (_segment, _used) = (_segment + 1, 0);
        }

        if (_segment == _segments.Count)
        {
            _segments.Add(new byte[SegmentBytes]);
        }

        var target = _segments[_segment].AsMemory(_used, bytes.Length);
        bytes.CopyTo(target.Span);
        _used += bytes.Length;
        return target;
    }
}
