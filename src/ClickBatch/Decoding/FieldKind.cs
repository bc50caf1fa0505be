namespace ClickBatch.Decoding;

/// <summary>Column types a topic schema may use (and <see cref="Binary"/>, used only by the rejects table).</summary>
public enum FieldKind
{
    /// <summary>UTF-8 text; Parquet BYTE_ARRAY (STRING).</summary>
    String,

    /// <summary>32-bit signed integer; Parquet INT32.</summary>
    Int,

    /// <summary>64-bit signed integer; Parquet INT64.</summary>
    Long,

    /// <summary>IEEE 754 double; Parquet DOUBLE.</summary>
    Double,

    /// <summary>true or false; Parquet BOOLEAN.</summary>
    Boolean,

    /// <summary>Exact decimal(p,s) with p up to 18; Parquet INT64 annotated DECIMAL(p,s), as Spark writes it.</summary>
    Decimal,

    /// <summary>UTC instant in microseconds; Parquet INT64 TIMESTAMP(isAdjustedToUTC=true, MICROS).</summary>
    Timestamp,

    /// <summary>Calendar day; Parquet INT32 DATE (days since 1970-01-01).</summary>
    Date,

    /// <summary>Raw bytes; Parquet BYTE_ARRAY without annotation. Not accepted in topic schemas.</summary>
    Binary,
}
