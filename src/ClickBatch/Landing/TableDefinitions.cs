using ClickBatch.Decoding;
using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Writing;

namespace ClickBatch.Landing;

/// <summary>The Delta definition of a table ClickBatch lands: the layout's columns, its date partition, and the
/// table properties every ClickBatch table has.</summary>
public static class TableDefinitions
{
    /// <summary>
    /// Symlink manifests are regenerated on every commit (Redshift Spectrum reads them); a checkpoint every 10
    /// commits keeps snapshot reads cheap for the daily run and for Spark, Trino and delta-rs.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Properties = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["delta.compatibility.symlinkFormatManifest.enabled"] = "true",
        ["delta.checkpointInterval"] = "10",
    };

    public static TableDefinition For(TableLayout layout, string name, string description) =>
        new(SchemaOf(layout), layout.PartitionColumn is { } column ? [column] : [], Properties)
        {
            Name = name,
            Description = description,
        };

    public static StructType SchemaOf(TableLayout layout) =>
        new(layout.DeltaFields.Select(f => new StructField(f.Name, TypeOf(f), nullable: !f.Required)).ToList());

    private static DeltaType TypeOf(FieldSpec field) => field.Kind switch
    {
        FieldKind.String => PrimitiveType.String,
        FieldKind.Int => PrimitiveType.Integer,
        FieldKind.Long => PrimitiveType.Long,
        FieldKind.Double => PrimitiveType.Double,
        FieldKind.Boolean => PrimitiveType.Boolean,
        FieldKind.Decimal => new DecimalType(field.Precision, field.Scale),
        FieldKind.Timestamp => PrimitiveType.Timestamp,
        FieldKind.Date => PrimitiveType.Date,
        FieldKind.Binary => PrimitiveType.Binary,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown field kind."),
    };
}
