using ClickBatch.Decoding;
using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;

namespace ClickBatch.Landing;

/// <summary>
/// The columns of a table's data files from its Delta schema: every column except the partition columns, in schema
/// order, typed as ClickBatch writes them (the inverse of <see cref="Landing.TableDefinitions.SchemaOf"/>).
/// </summary>
internal static class DataFields
{
    public static IReadOnlyList<FieldSpec> Of(Snapshot snapshot) => snapshot.Schema.Fields
        .Where(f => !snapshot.PartitionColumns.Contains(f.Name, StringComparer.Ordinal))
        .Select(f => new FieldSpec(f.Name, KindOf(snapshot, f), Required: !f.Nullable) with
        {
            Precision = f.Type is DecimalType d ? d.Precision : 0,
            Scale = f.Type is DecimalType s ? s.Scale : 0,
        })
        .ToList();

    private static FieldKind KindOf(Snapshot snapshot, StructField field) => field.Type switch
    {
        DecimalType { Precision: <= FieldSpec.MaxDecimalPrecision } => FieldKind.Decimal,
        PrimitiveType { Name: "string" } => FieldKind.String,
        PrimitiveType { Name: "integer" } => FieldKind.Int,
        PrimitiveType { Name: "long" } => FieldKind.Long,
        PrimitiveType { Name: "double" } => FieldKind.Double,
        PrimitiveType { Name: "boolean" } => FieldKind.Boolean,
        PrimitiveType { Name: "timestamp" } => FieldKind.Timestamp,
        PrimitiveType { Name: "date" } => FieldKind.Date,
        PrimitiveType { Name: "binary" } => FieldKind.Binary,
        _ => throw new ClickBatchException(
            "Expected a table written by ClickBatch, but column '" + field.Name + "' of " + snapshot.Table + " has type "
            + field.Type.ToTypeString() + ", which ClickBatch does not write; optimize this table with the engine that wrote it.")
            .With("Table", snapshot.Table.ToString()),
    };
}
