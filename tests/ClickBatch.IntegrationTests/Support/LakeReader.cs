using DuckDB.NET.Data;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// Reads what a Delta table holds with a second engine: the active files of its latest version, found by the tests'
/// own log replay (<see cref="DeltaLogReplay"/>, not the product's DeltaLog), read by DuckDB.
/// </summary>
public static class LakeReader
{
    /// <summary>Every (partition, offset) in the table's rows, duplicates kept.</summary>
    public static async Task<List<(int Partition, long Offset)>> KafkaOffsetsAsync(string tableUri)
    {
        var files = await ActiveFilePathsAsync(tableUri);
        var result = new List<(int, long)>();
        if (files.Count == 0)
        {
            return result;
        }

        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        await using var command = duck.CreateCommand();
        command.CommandText = $"SELECT _kafka_partition, _kafka_offset FROM read_parquet([{string.Join(", ", files.Select(f => "'" + f + "'"))}])";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }

        return result;
    }

    /// <summary>Runs a scalar query over the table's active files, registered as view <c>t</c>.</summary>
    public static async Task<object?> ScalarAsync(string tableUri, string sql)
    {
        await using var duck = await OpenWithViewAsync(tableUri);
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Runs a query over the table's active files, registered as view <c>t</c>; every row's values (null for NULL).</summary>
    public static async Task<List<object?[]>> RowsAsync(string tableUri, string sql)
    {
        await using var duck = await OpenWithViewAsync(tableUri);
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }

        return rows;
    }

    private static async Task<DuckDBConnection> OpenWithViewAsync(string tableUri)
    {
        var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        var files = await ActiveFilePathsAsync(tableUri);
        await using var view = duck.CreateCommand();
        view.CommandText = $"CREATE VIEW t AS SELECT * FROM read_parquet([{string.Join(", ", files.Select(f => "'" + f + "'"))}], hive_partitioning = true)";
        await view.ExecuteNonQueryAsync();
        return duck;
    }

    public static Task<List<string>> ActiveFilePathsAsync(string tableUri) => Task.FromResult(DeltaLogReplay.ActiveFiles(tableUri));
}
