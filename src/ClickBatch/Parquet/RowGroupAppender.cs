using ClickBatch.Decoding;
using ParquetSharp;

namespace ClickBatch.Parquet;

/// <summary>
/// Reads a row group of a ClickBatch data file back into a <see cref="RowBatch"/> of the same layout (low-level
/// <c>ColumnReader&lt;T&gt;</c>, strings copied as bytes into the column arena), so compaction writes through the
/// same <see cref="DataFileWriter"/> and gets the same Delta statistics as the daily run. Columns are matched by name
/// (<see cref="FileCompactor.ColumnMap"/>): a file written before the table gained a nullable column reads it as null.
/// </summary>
internal static class RowGroupAppender
{
    private const int Chunk = 4096;

    public static void Append(RowGroupReader rowGroup, RowBatch batch, int[] columns) => Append(rowGroup, batch, columns, keep: null);

    /// <summary>
    /// Appends the rows of the row group whose <paramref name="keep"/> entry is true (every row when null);
    /// <paramref name="columns"/> gives each batch column's column in the file, -1 for one the file lacks (nulls).
    /// </summary>
    public static void Append(RowGroupReader rowGroup, RowBatch batch, int[] columns, bool[]? keep)
    {
        for (var c = 0; c < batch.Columns.Length; c++)
        {
            if (columns[c] < 0)
            {
                var rows = keep?.Count(k => k) ?? checked((int)rowGroup.MetaData.NumRows);
                for (var r = 0; r < rows; r++)
                {
                    batch.Columns[c].AppendNull();
                }

                continue;
            }

            using var column = rowGroup.Column(columns[c]);
            switch (batch.Columns[c])
            {
                case ValueColumn<int> ints: ReadValues((ColumnReader<int>)column, ints, keep); break;
                case ValueColumn<long> longs: ReadValues((ColumnReader<long>)column, longs, keep); break;
                case ValueColumn<double> doubles: ReadValues((ColumnReader<double>)column, doubles, keep); break;
                case ValueColumn<bool> bools: ReadValues((ColumnReader<bool>)column, bools, keep); break;
                case BytesColumn bytes: ReadBytes((ColumnReader<ByteArray>)column, bytes, keep); break;
                default: throw new InvalidOperationException("Unsupported column buffer " + batch.Columns[c].GetType().Name);
            }
        }
    }

    private static void ReadValues<T>(ColumnReader<T> reader, ValueColumn<T> target, bool[]? keep)
        where T : unmanaged
    {
        var levels = new short[Chunk];
        var values = new T[Chunk];
        var row = 0;
        while (reader.HasNext)
        {
            var rows = reader.ReadBatch(Chunk, levels, default, values, out _);
            for (int i = 0, v = 0; i < rows; i++, row++)
            {
                var present = target.Field.Required || levels[i] == 1;
                var value = present ? values[v++] : default;
                if (keep is not null && !keep[row])
                {
                    continue;
                }

                if (present)
                {
                    target.Append(value);
                }
                else
                {
                    target.AppendNull();
                }
            }
        }
    }

    private static unsafe void ReadBytes(ColumnReader<ByteArray> reader, BytesColumn target, bool[]? keep)
    {
        var levels = new short[Chunk];
        var values = new ByteArray[Chunk];
        var row = 0;
        while (reader.HasNext)
        {
            var rows = reader.ReadBatch(Chunk, levels, default, values, out _);
            for (int i = 0, v = 0; i < rows; i++, row++)
            {
                var present = target.Field.Required || levels[i] == 1;
                var value = present ? values[v++] : default;
                if (keep is not null && !keep[row])
                {
                    continue;
                }

                if (present)
                {
                    target.Append(new ReadOnlySpan<byte>((void*)value.Pointer, value.Length));
                }
                else
                {
                    target.AppendNull();
                }
            }
        }
    }
}
