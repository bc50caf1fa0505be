namespace ClickBatch.Catalog.Glue;

/// <summary>
/// Hive formats that make a Glue table over a Delta table readable by Redshift Spectrum and Athena: the table's
/// location holds symlink manifests (text files listing the active Parquet files), read through ParquetHiveSerDe.
/// https://docs.delta.io/latest/redshift-spectrum-integration.html
/// </summary>
public static class GlueFormats
{
    public const string SymlinkTextInputFormat = "org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat";

    public const string HiveIgnoreKeyTextOutputFormat = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    public const string ParquetHiveSerDe = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    public const string ExternalTable = "EXTERNAL_TABLE";
}
