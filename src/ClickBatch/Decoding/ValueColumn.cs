using System.Runtime.CompilerServices;

namespace ClickBatch.Decoding;

/// <summary>A column of fixed-size values: int (int, date), long (long, decimal, timestamp), double, bool.</summary>
public sealed class ValueColumn<T> : ColumnBuffer
    where T : unmanaged
{
    private T[] _values = new T[16];

    public ValueColumn(FieldSpec field)
        : base(field)
    {
    }

    public ReadOnlySpan<T> Values => _values.AsSpan(0, ValueCount);

    public override long ByteSize => ((long)ValueCount * Unsafe.SizeOf<T>()) + (RowCount * 2L);

    public override long CapacityBytes => base.CapacityBytes + ((long)_values.Length * Unsafe.SizeOf<T>());

    public override void ReleaseMemory()
    {
        base.ReleaseMemory();
        _values = new T[16];
    }

    public void Append(T value)
    {
        if (ValueCount == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }

        _values[ValueCount++] = value;
        AddLevel(1);
    }

    public override void AppendValueOf(ColumnBuffer source, int valueIndex) => Append(((ValueColumn<T>)source).Values[valueIndex]);

    public override void AppendRowOf(ColumnBuffer source)
    {
        var typed = (ValueColumn<T>)source;
        if (typed.LastRowIsNull)
        {
            AppendNull();
        }
        else
        {
            Append(typed._values[typed.ValueCount - 1]);
        }
    }
}
