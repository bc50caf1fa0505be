namespace ClickBatch.Decoding;

/// <summary>
/// A growable, reusable buffer for one column: dense non-null values plus one Parquet definition level per row
/// (1 = value present, 0 = null). Buffers are reused across row groups, so steady state allocates nothing.
/// </summary>
public abstract class ColumnBuffer
{
    private short[] _definitionLevels = new short[16];

    protected ColumnBuffer(FieldSpec field) => Field = field;

    public FieldSpec Field { get; }

    /// <summary>Rows in the buffer, null or not.</summary>
    public int RowCount { get; private set; }

    /// <summary>Non-null values in the buffer.</summary>
    public int ValueCount { get; protected set; }

    public int NullCount => RowCount - ValueCount;

    /// <summary>Approximate bytes held for the buffered rows (for row-group and memory limits).</summary>
    public abstract long ByteSize { get; }

    public ReadOnlySpan<short> DefinitionLevels => _definitionLevels.AsSpan(0, RowCount);

    public void AppendNull() => AddLevel(0);

    /// <summary>True when the buffer's last row is null (it must hold a row).</summary>
    internal bool LastRowIsNull => _definitionLevels[RowCount - 1] == 0;

    /// <summary>Appends the last row of <paramref name="source"/> (a buffer of the same kind, holding at least one row): its value, or null.</summary>
    public abstract void AppendRowOf(ColumnBuffer source);

    /// <summary>Appends value number <paramref name="valueIndex"/> (counting non-null values only) of a buffer of the same kind.</summary>
    public abstract void AppendValueOf(ColumnBuffer source, int valueIndex);

    /// <summary>Bytes of the arrays this buffer holds on to (its capacity, not its content).</summary>
    public virtual long CapacityBytes => _definitionLevels.Length * 2L;

    public virtual void Clear()
    {
        RowCount = 0;
        ValueCount = 0;
    }

    /// <summary>
    /// Drops the rows from <paramref name="rowCount"/> on, with their values (a row decoded in part, or moved to another
    /// buffer); the arrays keep their capacity.
    /// </summary>
    public void TruncateRows(int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowCount, RowCount);
        while (RowCount > rowCount)
        {
            if (_definitionLevels[--RowCount] != 0)
            {
                ValueCount--;
            }
        }

        OnValuesTruncated();
    }

    /// <summary>Called after <see cref="TruncateRows"/> lowered <see cref="ValueCount"/>.</summary>
    protected virtual void OnValuesTruncated()
    {
    }

    /// <summary>Clears and gives the grown arrays back to the GC (used when buffers retain too much capacity).</summary>
    public virtual void ReleaseMemory()
    {
        Clear();
        _definitionLevels = new short[16];
    }

    protected void AddLevel(short level)
    {
        if (RowCount == _definitionLevels.Length)
        {
            Array.Resize(ref _definitionLevels, _definitionLevels.Length * 2);
        }

        _definitionLevels[RowCount++] = level;
    }

    /// <summary>Creates the buffer type matching the field's kind.</summary>
    public static ColumnBuffer Create(FieldSpec field) => field.Kind switch
    {
        FieldKind.String or FieldKind.Binary => new BytesColumn(field),
        FieldKind.Int or FieldKind.Date => new ValueColumn<int>(field),
        FieldKind.Long or FieldKind.Decimal or FieldKind.Timestamp => new ValueColumn<long>(field),
        FieldKind.Double => new ValueColumn<double>(field),
        FieldKind.Boolean => new ValueColumn<bool>(field),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "unknown field kind"),
    };
}
