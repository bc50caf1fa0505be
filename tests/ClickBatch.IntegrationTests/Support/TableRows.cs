using System.Globalization;
using System.Text;
using ClickBatch.Delta.Manifests;
using DuckDB.NET.Data;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>Every row of a table as text, read by DuckDB: through the active files, or through the symlink manifests.</summary>
public static class TableRows
{
    /// <summary>All columns of all rows, one string per row, sorted: a multiset that can be compared before and after.</summary>
    public static async Task<List<string>> OfActiveFilesAsync(string tableUri) => await ReadAsync(await LakeReader.ActiveFilePathsAsync(tableUri));

    /// <summary>
    /// The rows without the per-run metadata columns (<c>_run_id</c>, <c>_ingested_at</c>): what a rerun or a backfill
    /// must reproduce exactly.
    /// </summary>
    public static async Task<List<string>> DataOfActiveFilesAsync(string tableUri) =>
        await ReadAsync(await LakeReader.ActiveFilePathsAsync(tableUri), "* EXCLUDE (_run_id, _ingested_at)");

    /// <summary>The same through <c>_symlink_format_manifest/</c>, the way Redshift Spectrum reads the table.</summary>
    public static async Task<List<string>> OfManifestsAsync(string tableUri)
    {
        var root = Path.Combine(tableUri, ManifestWriter.Prefix);
        var files = Directory.EnumerateFiles(root, "manifest", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Select(l => new Uri(l).LocalPath).ToList();
        return await ReadAsync(files);
    }

    private static async Task<List<string>> ReadAsync(IReadOnlyList<string> files, string columns = "*")
    {
        var rows = new List<string>();
        if (files.Count == 0)
        {
            return rows;
        }

        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        await using var command = duck.CreateCommand();
        command.CommandText = $"SELECT {columns} FROM read_parquet([{string.Join(", ", files.Select(f => "'" + f + "'"))}]) ORDER BY ALL";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            }

            rows.Add(row.ToString());
        }

        return rows;
    }
}
