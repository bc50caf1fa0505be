using System.Text.Json;
using ClickBatch.Decoding;

namespace ClickBatch.Parquet;

/// <summary>
/// Delta per-file statistics of one column (PROTOCOL.md "Per-file Statistics"), accumulated over the row groups of
/// a file: null count always; min and max for the types Delta uses for data skipping (not booleans or binary).
/// </summary>
internal abstract class ColumnStatistics
{
    protected ColumnStatistics(FieldSpec field) => Field = field;

    public FieldSpec Field { get; }

    public long NullCount { get; private set; }

    /// <summary>True once a non-null value has been seen.</summary>
    public bool HasValues { get; protected set; }

    public void Update(ColumnBuffer buffer)
    {
        NullCount += buffer.NullCount;
        if (buffer.ValueCount > 0)
        {
            UpdateMinMax(buffer);
        }
    }

    protected abstract void UpdateMinMax(ColumnBuffer buffer);

    /// <summary>Writes the min as a property; false when this column has no min statistic.</summary>
    public abstract bool WriteMin(Utf8JsonWriter writer);

    public abstract bool WriteMax(Utf8JsonWriter writer);

    public static ColumnStatistics Create(FieldSpec field) => field.Kind switch
    {
        FieldKind.String => new StringStatistics(field),
        FieldKind.Int or FieldKind.Date => new IntegerStatistics<int>(field),
        FieldKind.Long or FieldKind.Decimal or FieldKind.Timestamp => new IntegerStatistics<long>(field),
        FieldKind.Double => new DoubleStatistics(field),
        _ => new NullCountOnlyStatistics(field),
    };
}
