namespace ClickBatch.Decoding;

/// <summary>Column buffers for a set of rows of one table layout (a row group in the making, or a one-row scratch).</summary>
public sealed class RowBatch
{
    public RowBatch(IReadOnlyList<FieldSpec> fields)
    {
        Fields = fields;
        Columns = fields.Select(ColumnBuffer.Create).ToArray();
    }

    public IReadOnlyList<FieldSpec> Fields { get; }

    public IReadOnlyList<ColumnBuffer> Columns { get; }

    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].RowCount;

    public long ByteSize
    {
        get
        {
            long total = 0;
            foreach (var column in Columns)
            {
                total += column.ByteSize;
            }

            return total;
        }
    }

    public T Column<T>(int index)
        where T : ColumnBuffer => (T)Columns[index];

    /// <summary>Appends the single row held by <paramref name="scratch"/> (same layout).</summary>
    public void AppendRowOf(RowBatch scratch)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            Columns[i].AppendRowOf(scratch.Columns[i]);
        }
    }

    public void Clear()
    {
        foreach (var column in Columns)
        {
            column.Clear();
        }
    }
}
