using ClickBatch.Delta.Schema;
using ClickBatch.Errors;

namespace ClickBatch.Catalog.Glue;

/// <summary>
/// Delta types as Hive/Glue type strings for Redshift Spectrum and Athena: long → bigint, integer → int,
/// timestamp_ntz → timestamp, nested types without spaces (struct&lt;a:int&gt;). Nested fields use their physical
/// names, which is what the Parquet files hold when column mapping is on.
/// </summary>
public static class HiveTypes
{
    private static readonly Dictionary<string, string> Primitives = new(StringComparer.Ordinal)
    {
        ["string"] = "string",
        ["long"] = "bigint",
        ["integer"] = "int",
        ["short"] = "smallint",
        ["byte"] = "tinyint",
        ["float"] = "float",
        ["double"] = "double",
        ["boolean"] = "boolean",
        ["binary"] = "binary",
        ["date"] = "date",
        ["timestamp"] = "timestamp",
        ["timestamp_ntz"] = "timestamp",
    };

    public static string Of(DeltaType type) => type switch
    {
        PrimitiveType p when Primitives.TryGetValue(p.Name, out var hive) => hive,
        DecimalType d => d.ToTypeString(),
        ArrayType a => "array<" + Of(a.ElementType) + ">",
        MapType m => "map<" + Of(m.KeyType) + "," + Of(m.ValueType) + ">",
        StructType s => "struct<" + string.Join(',', s.Fields.Select(f => f.PhysicalName + ":" + Of(f.Type))) + ">",
        _ => throw new ClickBatchException(
            "Delta type '" + type.ToTypeString() + "' has no Hive equivalent Redshift Spectrum can read; "
            + "expected a primitive, decimal, struct, array or map type.").With("DeltaType", type.ToTypeString()),
    };
}
