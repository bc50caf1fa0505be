using System.Globalization;
using ClickBatch.Delta.Manifests;
using ClickBatch.Storage;
using DuckDB.NET.Data;

namespace ClickBatch.Catalog.DuckDb;

/// <summary>
/// Registers a local Delta table in DuckDB the way Redshift Spectrum sees it through Glue: the files listed by
/// its symlink manifests, with the Hive-style partition folders as columns. Used by <c>demo</c> and the tests as
/// the second engine that reads what ClickBatch wrote.
/// </summary>
public static class ManifestViews
{
    /// <summary>Creates (or replaces) view <paramref name="view"/> over the table's manifests; false when it has no files.</summary>
    public static async Task<bool> CreateAsync(DuckDBConnection connection, string view, IObjectStore table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var files = await ListFilesAsync(table, cancellationToken);
        if (files.Count == 0)
        {
            return false;
        }

        var list = string.Join(", ", files.Select(f => "'" + f.Replace("'", "''", StringComparison.Ordinal) + "'"));
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"CREATE OR REPLACE VIEW \"{view}\" AS SELECT * FROM read_parquet([{list}], hive_partitioning = true, hive_types_autocast = true)");
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>Local paths of every file the table's manifests list.</summary>
    public static async Task<List<string>> ListFilesAsync(IObjectStore table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var files = new List<string>();
        await foreach (var manifest in table.ListAsync(ManifestWriter.Prefix, startAfter: null, cancellationToken))
        {
            var text = System.Text.Encoding.UTF8.GetString(await table.ReadAllBytesAsync(manifest.Key, cancellationToken));
            files.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(LocalPathOf));
        }

        return files;
    }

    /// <summary>
    /// A manifest line's local path, read as Hive does: the literal text after <c>file://</c>
    /// (<see cref="ManifestWriter.Line"/>); a line in the earlier escaped form is unescaped.
    /// </summary>
    private static string LocalPathOf(string line)
    {
        var literal = line.StartsWith("file://", StringComparison.Ordinal) ? line["file://".Length..] : line;
        return File.Exists(literal) ? literal : new Uri(line).LocalPath;
    }
}
