using ClickBatch.Decoding;
using ParquetSharp;

namespace ClickBatch.Parquet;

/// <summary>
/// One Parquet data file being written: row groups from <see cref="RowBatch"/>es, zstd, dictionary encoding,
/// and the Delta statistics of everything written. Dispose releases the native writer without finishing the file.
/// </summary>
internal sealed class DataFileWriter : IDisposable
{
    private readonly ParquetFileWriter _writer;
    private readonly ColumnStatistics[] _statistics;
    private readonly ColumnChunkWriter _chunkWriter = new();
    private bool _closed;

    private DataFileWriter(string path, ParquetFileWriter writer, IReadOnlyList<FieldSpec> fields)
    {
        Path = path;
        _writer = writer;
        _statistics = fields.Select(ColumnStatistics.Create).ToArray();
    }

    public string Path { get; }

    public long NumRecords { get; private set; }

    /// <summary>Bytes on disk so far (row groups are written through as they are flushed).</summary>
    public long SizeBytes => new FileInfo(Path).Length;

    public static DataFileWriter Create(string path, IReadOnlyList<FieldSpec> fields, int zstdLevel)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var schema = ParquetSchemaFactory.Create(fields);
        using var builder = new WriterPropertiesBuilder();
        using var properties = builder.Compression(Compression.Zstd).CompressionLevel(zstdLevel).EnableDictionary()
            .CreatedBy("ClickBatch " + typeof(DataFileWriter).Assembly.GetName().Version?.ToString(3)).Build();
        return new DataFileWriter(path, new ParquetFileWriter(path, schema, properties), fields);
    }

    public void WriteRowGroup(RowBatch batch)
    {
        if (batch.RowCount == 0)
        {
            return;
        }

        using (var rowGroup = _writer.AppendRowGroup())
        {
            for (var i = 0; i < batch.Columns.Length; i++)
            {
                using var column = rowGroup.NextColumn();
                _chunkWriter.Write(column, batch.Columns[i]);
                _statistics[i].Update(batch.Columns[i]);
            }
        }

        NumRecords += batch.RowCount;
    }

    /// <summary>Writes the footer and returns the Delta stats JSON.</summary>
    public string Close()
    {
        _writer.Close();
        _closed = true;
        return StatsJsonWriter.Write(NumRecords, _statistics);
    }

    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        catch (ParquetException) when (!_closed)
        {
            // Abandoned file: the native writer may complain about an unfinished file; it is deleted by the caller.
        }
    }
}
