namespace ClickBatch.Configuration;

/// <summary>Catalog registration after each commit.</summary>
public sealed class CatalogOptions
{
    /// <summary>
    /// Glue database to register the tables and partitions in (created if missing); none when empty. AWS region,
    /// endpoint and credentials come from the standard chain (docs/aws.md).
    /// </summary>
    public string? GlueDatabase { get; set; }

    /// <summary>The Redshift Spectrum row-count check after a run; null (no <c>Catalog.Redshift</c> key set) for none.</summary>
    public RedshiftOptions? Redshift { get; set; }
}
