using System.Globalization;

namespace ClickBatch.Decoding;

/// <summary>
/// One column of a table. <paramref name="Required"/> means a record without a usable value is rejected
/// (and the column is non-nullable in Parquet and Delta). Precision and scale apply to <see cref="FieldKind.Decimal"/>.
/// </summary>
public sealed record FieldSpec(string Name, FieldKind Kind, bool Required, int Precision = 0, int Scale = 0)
{
    /// <summary>Largest decimal precision stored as INT64 (what Spark does for precision up to 18).</summary>
    public const int MaxDecimalPrecision = 18;

    /// <summary>The Delta schema type name (PROTOCOL.md "Primitive Types"), e.g. "integer" or "decimal(10,2)".</summary>
    public string DeltaTypeName => Kind switch
    {
        FieldKind.String => "string",
        FieldKind.Int => "integer",
        FieldKind.Long => "long",
        FieldKind.Double => "double",
        FieldKind.Boolean => "boolean",
        FieldKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})"),
        FieldKind.Timestamp => "timestamp",
        FieldKind.Date => "date",
        FieldKind.Binary => "binary",
        _ => throw new InvalidOperationException("Unknown field kind " + Kind),
    };

    public static FieldSpec Decimal(string name, int precision, int scale, bool required = false) =>
        new(name, FieldKind.Decimal, required, precision, scale);
}
