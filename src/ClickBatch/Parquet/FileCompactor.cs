using ClickBatch.Decoding;
using ClickBatch.Errors;
using ParquetSharp;

namespace ClickBatch.Parquet;

/// <summary>
/// Rewrites small data files of one partition as files of about the target size. Rows are read back and written
/// through <see cref="DataFileWriter"/> (not copied with DuckDB) so the new files carry exactly the Delta statistics
/// and Parquet types the daily run writes; row groups are regrouped up to the run's row-group limits.
/// </summary>
internal static class FileCompactor
{
    public static IReadOnlyList<CompactedFile> Compact(
        IReadOnlyList<string> inputs, IReadOnlyList<FieldSpec> fields, Func<string> newOutputPath, FileWriterOptions options)
    {
        var outputs = new List<CompactedFile>();
        var batch = new RowBatch(fields);
        DataFileWriter? writer = null;
        try
        {
            foreach (var input in inputs)
            {
                using var reader = new ParquetFileReader(input);
                var columns = ColumnMap(reader, fields, input);
                for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
                {
                    using var rowGroup = reader.RowGroup(g);
                    RowGroupAppender.Append(rowGroup, batch, columns);
                    if (batch.RowCount >= options.RowGroupRows || batch.ByteSize >= options.RowGroupBytes)
                    {
                        writer = Flush(writer, batch, fields, newOutputPath, options, outputs, roll: true);
                    }
                }
            }

            writer = Flush(writer, batch, fields, newOutputPath, options, outputs, roll: false);
            if (writer is not null)
            {
                outputs.Add(Close(writer));
            }
        }
        finally
        {
            writer?.Dispose();
        }

        return outputs;
    }

    private static DataFileWriter? Flush(
        DataFileWriter? writer, RowBatch batch, IReadOnlyList<FieldSpec> fields, Func<string> newOutputPath,
        FileWriterOptions options, List<CompactedFile> outputs, bool roll)
    {
        if (batch.RowCount == 0)
        {
            return writer;
        }

        writer ??= DataFileWriter.Create(newOutputPath(), fields, options.ZstdLevel);
        writer.WriteRowGroup(batch);
        batch.Clear();
        if (!roll || writer.SizeBytes < options.TargetFileBytes)
        {
            return writer;
        }

        outputs.Add(Close(writer));
        writer.Dispose();
        return null;
    }

    private static CompactedFile Close(DataFileWriter writer)
    {
        var stats = writer.Close();
        return new CompactedFile(writer.Path, writer.SizeBytes, writer.NumRecords, stats);
    }

    /// <summary>
    /// Where each of the table's columns is in the file, matched by name; -1 for a nullable column the file lacks (written
    /// before the table gained it: docs/schema-evolution.md). A file with a column the table lacks, or without a required
    /// one, was not written by ClickBatch for this table, and is refused naming it.
    /// </summary>
    internal static int[] ColumnMap(
        ParquetFileReader reader, IReadOnlyList<FieldSpec> fields, string input, string remedy = "Leave this partition out (--partition) or rewrite the file.")
    {
        var schema = reader.FileMetaData.Schema;
        var found = Enumerable.Range(0, schema.NumColumns).Select(i => schema.Column(i).Name).ToList();
        var map = fields.Select(f => found.IndexOf(f.Name)).ToArray();
        var unknown = found.Where(name => !fields.Any(f => string.Equals(f.Name, name, StringComparison.Ordinal))).ToList();
        var missingRequired = fields.Where((f, i) => map[i] < 0 && f.Required).Select(f => f.Name).ToList();
        if (unknown.Count > 0 || missingRequired.Count > 0 || found.Distinct(StringComparer.Ordinal).Count() != found.Count)
        {
            throw new ClickBatchException(
                "Expected data file " + input + " to hold the table's columns [" + string.Join(", ", fields.Select(f => f.Name))
                + "] (or all but some nullable ones it gained later) but it holds [" + string.Join(", ", found) + "]; it was not "
                + "written by ClickBatch for this schema. " + remedy).With("File", input);
        }

        return map;
    }
}
