namespace ClickBatch.Decoding;

/// <summary>Column buffers for a set of rows of one table layout (a row group in the making, or a one-row scratch).</summary>
public sealed class RowBatch
{
    private readonly ColumnBuffer[] _columns;

    public RowBatch(IReadOnlyList<FieldSpec> fields)
    {
        Fields = fields;
        _columns = fields.Select(ColumnBuffer.Create).ToArray();
    }

    public IReadOnlyList<FieldSpec> Fields { get; }

    public ReadOnlySpan<ColumnBuffer> Columns => _columns;

    public int RowCount => _columns.Length == 0 ? 0 : _columns[0].RowCount;

    public long ByteSize
    {
        get
        {
            long total = 0;
            foreach (var column in _columns)
            {
                total += column.ByteSize;
            }

            return total;
        }
    }

    /// <summary>Bytes of the arrays held by all columns (capacity, not content).</summary>
    public long CapacityBytes
    {
        get
        {
            long total = 0;
            foreach (var column in _columns)
            {
                total += column.CapacityBytes;
            }

            return total;
        }
    }

    public T Column<T>(int index)
        where T : ColumnBuffer => (T)_columns[index];

    /// <summary>Appends the last row of <paramref name="batch"/> (same layout, holding at least one row), such as a one-row scratch's.</summary>
    public void AppendRowOf(RowBatch batch)
    {
        var source = batch._columns;
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].AppendRowOf(source[i]);
        }
    }

    /// <summary>Drops the rows from <paramref name="rowCount"/> on, in every column (see <see cref="ColumnBuffer.TruncateRows"/>).</summary>
    public void TruncateRows(int rowCount)
    {
        foreach (var column in _columns)
        {
            column.TruncateRows(rowCount);
        }
    }

    public void ReleaseMemory()
    {
        foreach (var column in _columns)
        {
            column.ReleaseMemory();
        }
    }

    public void Clear()
    {
        foreach (var column in _columns)
        {
            column.Clear();
        }
    }
}
