using ClickBatch.Decoding;
using ParquetSharp;
using ParquetSharp.Schema;

namespace ClickBatch.Parquet;

/// <summary>
/// The Parquet schema of a table layout, in the physical/logical types Spark, Redshift Spectrum and DuckDB read
/// as the Delta types: timestamps INT64 TIMESTAMP(UTC, MICROS), decimals INT64 DECIMAL(p,s) (p &lt;= 18, as Spark
/// writes them), dates INT32 DATE, strings BYTE_ARRAY STRING. Required fields are REQUIRED, the rest OPTIONAL.
/// </summary>
internal static class ParquetSchemaFactory
{
    public static GroupNode Create(IReadOnlyList<FieldSpec> fields)
    {
        var nodes = fields.Select(CreateNode).ToArray<Node>();
        try
        {
            return new GroupNode("schema", Repetition.Required, nodes);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    private static PrimitiveNode CreateNode(FieldSpec field)
    {
        var repetition = field.Required ? Repetition.Required : Repetition.Optional;
        var (logical, physical) = Types(field);
        using (logical)
        {
            return new PrimitiveNode(field.Name, repetition, logical, physical);
        }
    }

    private static (LogicalType Logical, PhysicalType Physical) Types(FieldSpec field) => field.Kind switch
    {
        FieldKind.String => (LogicalType.String(), PhysicalType.ByteArray),
        FieldKind.Binary => (LogicalType.None(), PhysicalType.ByteArray),
        FieldKind.Int => (LogicalType.None(), PhysicalType.Int32),
        FieldKind.Long => (LogicalType.None(), PhysicalType.Int64),
        FieldKind.Double => (LogicalType.None(), PhysicalType.Double),
        FieldKind.Boolean => (LogicalType.None(), PhysicalType.Boolean),
        FieldKind.Decimal => (LogicalType.Decimal(field.Precision, field.Scale), PhysicalType.Int64),
        FieldKind.Timestamp => (LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros), PhysicalType.Int64),
        FieldKind.Date => (LogicalType.Date(), PhysicalType.Int32),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "unknown field kind"),
    };
}
