using System.Text;
using ClickBatch.Delta.Actions;
using DuckDB.NET.Data;

namespace ClickBatch.Delta.Checkpoints;

/// <summary>
/// Turns checkpoint actions into Parquet with the column layout of PROTOCOL.md "Checkpoint Schema": one nullable
/// struct column per action, maps as Parquet MAP, arrays as LIST. DuckDB does the nested encoding from the
/// actions' JSON lines (the same JSON a commit file holds), typed by an explicit column list.
/// </summary>
public static class CheckpointParquet
{
    private const string DeletionVector =
        "STRUCT(storageType VARCHAR, pathOrInlineDv VARCHAR, \"offset\" INTEGER, sizeInBytes INTEGER, cardinality BIGINT, maxRowIndex BIGINT)";

    private static readonly string Columns = string.Join(", ",
        "txn: 'STRUCT(appId VARCHAR, version BIGINT, lastUpdated BIGINT)'",
        "add: 'STRUCT(path VARCHAR, partitionValues MAP(VARCHAR, VARCHAR), size BIGINT, modificationTime BIGINT, dataChange BOOLEAN, stats VARCHAR, tags MAP(VARCHAR, VARCHAR), deletionVector " + DeletionVector + ", baseRowId BIGINT, defaultRowCommitVersion BIGINT)'",
        "remove: 'STRUCT(path VARCHAR, deletionTimestamp BIGINT, dataChange BOOLEAN, extendedFileMetadata BOOLEAN, partitionValues MAP(VARCHAR, VARCHAR), size BIGINT, deletionVector " + DeletionVector + ", baseRowId BIGINT, defaultRowCommitVersion BIGINT)'",
        "metaData: 'STRUCT(id VARCHAR, name VARCHAR, description VARCHAR, format STRUCT(provider VARCHAR, options MAP(VARCHAR, VARCHAR)), schemaString VARCHAR, partitionColumns VARCHAR[], configuration MAP(VARCHAR, VARCHAR), createdTime BIGINT)'",
        "protocol: 'STRUCT(minReaderVersion INTEGER, minWriterVersion INTEGER, readerFeatures VARCHAR[], writerFeatures VARCHAR[])'",
        "domainMetadata: 'STRUCT(domain VARCHAR, configuration VARCHAR, removed BOOLEAN)'");

    public static async Task WriteAsync(IReadOnlyList<DeltaAction> actions, string parquetPath, CancellationToken cancellationToken)
    {
        var json = parquetPath + ".json";
        await File.WriteAllBytesAsync(json, DeltaActionSerializer.Serialize(actions), cancellationToken);
        try
        {
            using var connection = new DuckDBConnection("DataSource=:memory:");
            await connection.OpenAsync(cancellationToken);
            using var command = connection.CreateCommand();
            command.CommandText = new StringBuilder()
                .Append("COPY (SELECT * FROM read_json(").Append(Literal(json))
                .Append(", format = 'newline_delimited', maximum_object_size = 1073741824, columns = {").Append(Columns).Append("})) TO ")
                .Append(Literal(parquetPath)).Append(" (FORMAT parquet, COMPRESSION snappy)").ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            File.Delete(json);
        }
    }

    private static string Literal(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
