using ClickBatch.Decoding;
using ParquetSharp;

namespace ClickBatch.Parquet;

/// <summary>
/// Rewrites one ClickBatch data file without the rows whose Kafka (partition, offset) a predicate matches (a
/// backfill's range). A first pass reads only the two offset columns; a file with no matching row is not written
/// at all. The second pass goes through <see cref="RowGroupAppender"/> and <see cref="DataFileWriter"/>, so the new
/// file has the run's Parquet types and Delta statistics, computed from the rows it kept.
/// </summary>
internal static class FilteredFileRewriter
{
    /// <param name="input">The local copy of the file.</param>
    /// <param name="name">The file as the user knows it (its table and key), for errors.</param>
    /// <param name="fields">The table's data columns.</param>
    /// <param name="outputPath">Where to write the rewritten file.</param>
    /// <param name="options">Row group limits and compression, as the run writes.</param>
    /// <param name="drop">True for the (Kafka partition, offset) of a row to leave out.</param>
    public static FilteredFile Rewrite(
        string input, string name, IReadOnlyList<FieldSpec> fields, string outputPath, FileWriterOptions options, Func<int, long, bool> drop)
    {
        using var reader = new ParquetFileReader(input);
        var columns = FileCompactor.ColumnMap(reader, fields, name,
            "A backfill cannot filter its rows by Kafka offset: remove or rewrite the file with the engine that wrote it, then rerun the backfill.");
        var offsets = new KafkaOffsetTracker();
        var masks = Masks(reader, fields, columns, drop, offsets);
        var dropped = masks.Sum(m => m.Count(keep => !keep));
        var kept = masks.Sum(m => m.Length) - dropped;
        if (dropped == 0 || kept == 0)
        {
            return new FilteredFile(null, kept, dropped, offsets.ToList());
        }

        return new FilteredFile(Write(reader, fields, columns, outputPath, options, masks), kept, dropped, offsets.ToList());
    }

    private static List<bool[]> Masks(
        ParquetFileReader reader, IReadOnlyList<FieldSpec> fields, int[] columns, Func<int, long, bool> drop, KafkaOffsetTracker kept)
    {
        var partitionColumn = columns[IndexOf(fields, MetadataColumns.KafkaPartition)];
        var offsetColumn = columns[IndexOf(fields, MetadataColumns.KafkaOffset)];
        var masks = new List<bool[]>();
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var rowGroup = reader.RowGroup(g);
            var rows = checked((int)rowGroup.MetaData.NumRows);
            using var partitionReader = rowGroup.Column(partitionColumn).LogicalReader<int>();
            using var offsetReader = rowGroup.Column(offsetColumn).LogicalReader<long>();
            var partitions = partitionReader.ReadAll(rows);
            var offsets = offsetReader.ReadAll(rows);
            var mask = new bool[rows];
            for (var r = 0; r < rows; r++)
            {
                mask[r] = !drop(partitions[r], offsets[r]);
                if (mask[r])
                {
                    kept.Add(string.Empty, partitions[r], offsets[r]);
                }
            }

            masks.Add(mask);
        }

        return masks;
    }

    private static CompactedFile Write(
        ParquetFileReader reader, IReadOnlyList<FieldSpec> fields, int[] columns, string outputPath, FileWriterOptions options, List<bool[]> masks)
    {
        var batch = new RowBatch(fields);
        using var writer = DataFileWriter.Create(outputPath, fields, options.ZstdLevel);
        for (var g = 0; g < masks.Count; g++)
        {
            using var rowGroup = reader.RowGroup(g);
            RowGroupAppender.Append(rowGroup, batch, columns, masks[g]);
            if (batch.RowCount >= options.RowGroupRows || batch.ByteSize >= options.RowGroupBytes)
            {
                writer.WriteRowGroup(batch);
                batch.Clear();
            }
        }

        writer.WriteRowGroup(batch);
        var stats = writer.Close();
        return new CompactedFile(writer.Path, writer.SizeBytes, writer.NumRecords, stats);
    }

    private static int IndexOf(IReadOnlyList<FieldSpec> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException("The table's data files have no column " + name + "; a backfill needs the Kafka metadata columns.");
    }
}
