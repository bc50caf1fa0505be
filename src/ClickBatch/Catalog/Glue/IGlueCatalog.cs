namespace ClickBatch.Catalog.Glue;

/// <summary>
/// The Glue Data Catalog operations ClickBatch needs. Implemented by <see cref="GlueClient"/> over AWS JSON 1.1;
/// AWSSDK.Glue could implement it later without touching callers.
/// </summary>
public interface IGlueCatalog
{
    /// <summary>Creates the database unless it exists; true when this call created it.</summary>
    Task<bool> EnsureDatabaseAsync(string database, string? description, CancellationToken cancellationToken);

    /// <summary>The table, or null when it does not exist.</summary>
    Task<GlueTable?> GetTableAsync(string database, string table, CancellationToken cancellationToken);

    Task CreateTableAsync(string database, GlueTableInput table, CancellationToken cancellationToken);

    /// <summary>Replaces the table definition; with <paramref name="versionId"/>, fails if another writer changed it since.</summary>
    Task UpdateTableAsync(string database, GlueTableInput table, string? versionId, CancellationToken cancellationToken);

    /// <summary>Deletes the table and its partitions; false when it did not exist.</summary>
    Task<bool> DeleteTableAsync(string database, string table, CancellationToken cancellationToken);

    /// <summary>All partitions (every page), optionally filtered by a Glue partition expression.</summary>
    Task<IReadOnlyList<GluePartition>> GetPartitionsAsync(string database, string table, string? expression, CancellationToken cancellationToken);

    /// <summary>Creates partitions in batches of at most 100; existing ones are left alone. Returns how many were created.</summary>
    Task<int> BatchCreatePartitionsAsync(string database, string table, IReadOnlyList<GluePartitionInput> partitions, CancellationToken cancellationToken);

    /// <summary>Replaces the definitions (columns, location) of existing partitions, in batches of at most 100.</summary>
    Task BatchUpdatePartitionsAsync(string database, string table, IReadOnlyList<GluePartitionInput> partitions, CancellationToken cancellationToken);

    /// <summary>Deletes partitions by values in batches of at most 25; missing ones are ignored.</summary>
    Task BatchDeletePartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string>> partitionValues, CancellationToken cancellationToken);
}
