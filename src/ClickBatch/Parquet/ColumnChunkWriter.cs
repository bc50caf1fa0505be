using ClickBatch.Decoding;
using ParquetSharp;

namespace ClickBatch.Parquet;

/// <summary>
/// Writes a column buffer as one column chunk through ParquetSharp's low-level <c>ColumnWriter&lt;T&gt;</c>:
/// dense values plus definition levels; strings as <c>ByteArray</c> pointers into the pinned arena (no copies).
/// </summary>
internal sealed class ColumnChunkWriter
{
    private ByteArray[] _byteArrays = new ByteArray[1024];

    public void Write(ColumnWriter writer, ColumnBuffer buffer)
    {
        var levels = buffer.Field.Required ? default : buffer.DefinitionLevels;
        switch (buffer)
        {
            case ValueColumn<int> ints:
                ((ColumnWriter<int>)writer).WriteBatch(buffer.RowCount, levels, default, ints.Values);
                break;
            case ValueColumn<long> longs:
                ((ColumnWriter<long>)writer).WriteBatch(buffer.RowCount, levels, default, longs.Values);
                break;
            case ValueColumn<double> doubles:
                ((ColumnWriter<double>)writer).WriteBatch(buffer.RowCount, levels, default, doubles.Values);
                break;
            case ValueColumn<bool> bools:
                ((ColumnWriter<bool>)writer).WriteBatch(buffer.RowCount, levels, default, bools.Values);
                break;
            case BytesColumn bytes:
                WriteBytes((ColumnWriter<ByteArray>)writer, bytes, levels);
                break;
            default:
                throw new InvalidOperationException("Unsupported column buffer " + buffer.GetType().Name);
        }
    }

    private unsafe void WriteBytes(ColumnWriter<ByteArray> writer, BytesColumn column, ReadOnlySpan<short> levels)
    {
        if (_byteArrays.Length < column.ValueCount)
        {
            _byteArrays = new ByteArray[Math.Max(column.ValueCount, _byteArrays.Length * 2)];
        }

        fixed (byte* arena = column.Arena)
        {
            for (var i = 0; i < column.ValueCount; i++)
            {
                var start = column.Offset(i);
                _byteArrays[i] = new ByteArray((IntPtr)(arena + start), column.Offset(i + 1) - start);
            }

            writer.WriteBatch(column.RowCount, levels, default, _byteArrays.AsSpan(0, column.ValueCount));
        }
    }
}
