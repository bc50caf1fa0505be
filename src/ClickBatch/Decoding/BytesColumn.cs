namespace ClickBatch.Decoding;

/// <summary>
/// A column of byte strings (UTF-8 text or binary) kept in one arena with an offset per value: no .NET string
/// or array per value. Parquet writing pins the arena and points ByteArray values into it.
/// </summary>
public sealed class BytesColumn : ColumnBuffer
{
    private byte[] _arena = new byte[256];
    private int[] _offsets = new int[17];
    private int _arenaLength;

    public BytesColumn(FieldSpec field)
        : base(field)
    {
    }

    public override long ByteSize => _arenaLength + (ValueCount * 4L) + (RowCount * 2L);

    /// <summary>The whole arena; value i spans <see cref="Offset"/>(i) to <see cref="Offset"/>(i + 1).</summary>
    internal byte[] Arena => _arena;

    internal int Offset(int valueIndex) => _offsets[valueIndex];

    public ReadOnlySpan<byte> Value(int valueIndex) =>
        _arena.AsSpan(_offsets[valueIndex], _offsets[valueIndex + 1] - _offsets[valueIndex]);

    public void Append(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(value.Length));
        Commit(value.Length);
    }

    /// <summary>Returns room for at least <paramref name="maxLength"/> bytes; call <see cref="Commit"/> with the bytes used.</summary>
    public Span<byte> Reserve(int maxLength)
    {
        if (_arenaLength + maxLength > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaLength + maxLength));
        }

        return _arena.AsSpan(_arenaLength, maxLength);
    }

    public void Commit(int length)
    {
        if (ValueCount + 1 == _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
        }

        _arenaLength += length;
        _offsets[++ValueCount] = _arenaLength;
        AddLevel(1);
    }

    public override void AppendValueOf(ColumnBuffer source, int valueIndex) => Append(((BytesColumn)source).Value(valueIndex));

    public override void AppendRowOf(ColumnBuffer source)
    {
        var typed = (BytesColumn)source;
        if (typed.LastRowIsNull)
        {
            AppendNull();
        }
        else
        {
            Append(typed.Value(typed.ValueCount - 1));
        }
    }

    public override long CapacityBytes => base.CapacityBytes + _arena.Length + (_offsets.Length * 4L);

    public override void Clear()
    {
        base.Clear();
        _arenaLength = 0;
    }

    protected override void OnValuesTruncated() => _arenaLength = _offsets[ValueCount];

    public override void ReleaseMemory()
    {
        base.ReleaseMemory();
        _arenaLength = 0;
        _arena = new byte[256];
        _offsets = new int[17];
    }
}
