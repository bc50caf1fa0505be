using DuckDB.NET.Data;

namespace ClickBatch.Tests.Support;

/// <summary>
/// The second engine: runs SQL in an in-memory DuckDB and returns rows as object arrays. One connection is shared
/// (opening a database per query dominates test time); queries are serialized.
/// </summary>
public static class DuckDb
{
    private static readonly Lock Gate = new();
    private static readonly Lazy<DuckDBConnection> Connection = new(() =>
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    });

    public static List<object?[]> Query(string sql)
    {
        lock (Gate)
        {
            return Run(sql);
        }
    }

    private static List<object?[]> Run(string sql)
    {
        using var command = Connection.Value.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static object? Scalar(string sql) => Query(sql)[0][0];

    /// <summary>A SQL string literal for a path.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
