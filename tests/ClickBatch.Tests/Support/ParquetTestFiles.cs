using ParquetSharp;

namespace ClickBatch.Tests.Support;

/// <summary>Writes tiny Parquet data files (one int64 column "id") with ParquetSharp for round-trip tests.</summary>
public static class ParquetTestFiles
{
    public static long WriteIds(string path, IReadOnlyList<long> ids)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var writer = new ParquetFileWriter(path, [new Column<long>("id")]))
        {
            using var group = writer.AppendRowGroup();
            using var column = group.NextColumn().LogicalWriter<long>();
            column.WriteBatch(ids.ToArray());
            writer.Close();
        }

        return new FileInfo(path).Length;
    }
}
