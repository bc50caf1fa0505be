using ClickBatch.Decoding;
using ParquetSharp;

namespace ClickBatch.Parquet;

/// <summary>
/// Rewrites one data file so the values its rows keep in <c>_unknown_fields</c> for columns the table gained later move
/// into those columns (<see cref="UnknownFieldsPromotion"/>). Every row stays, in order, with its Kafka coordinates;
/// row groups stay as they were. Writes through <see cref="DataFileWriter"/>, so the new file carries the table's
/// current columns and the same Delta statistics as the daily run's files.
/// </summary>
internal static class UnknownFieldsRewriter
{
    /// <summary>
    /// Rewrites <paramref name="input"/> to <paramref name="output"/>. When no row had a value to move, leaves no output
    /// (<see cref="PromotedFile.File"/> null: a second pass changes nothing). The caller has checked that the table has an
    /// <c>_unknown_fields</c> column and a column it can fill (<see cref="UnknownFieldsPromotion.HasCandidates"/>).
    /// </summary>
    public static PromotedFile Rewrite(string input, IReadOnlyList<FieldSpec> fields, string output, int zstdLevel)
    {
        var unknown = IndexOf(fields, MetadataColumns.UnknownFields);
        ArgumentOutOfRangeException.ThrowIfNegative(unknown, nameof(fields));
        var promotion = new UnknownFieldsPromotion(fields);

        using var reader = new ParquetFileReader(input);
        var columns = FileCompactor.ColumnMap(reader, fields, input, "Leave this partition out (--partition).");
        var source = new RowBatch(fields);
        var target = new RowBatch(fields);
        var promoted = new long[fields.Count];
        var writer = DataFileWriter.Create(output, fields, zstdLevel);
        try
        {
            for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
            {
                source.Clear();
                target.Clear();
                using (var rowGroup = reader.RowGroup(g))
                {
                    RowGroupAppender.Append(rowGroup, source, columns);
                }

                Transform(source, target, unknown, promotion, promoted);
                writer.WriteRowGroup(target);
            }

            var moved = fields.Select((f, i) => (f.Name, Count: promoted[i])).Where(p => p.Count > 0).ToDictionary(p => p.Name, p => p.Count, StringComparer.Ordinal);
            if (moved.Count == 0)
            {
                writer.Dispose();
                File.Delete(output);
                return new PromotedFile(null, moved, promotion.Refused);
            }

            var stats = writer.Close();
            return new PromotedFile(new CompactedFile(output, writer.SizeBytes, writer.NumRecords, stats), moved, promotion.Refused);
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static void Transform(RowBatch source, RowBatch target, int unknown, UnknownFieldsPromotion promotion, long[] promoted)
    {
        var columns = source.Columns.ToArray();
        var cursors = new int[columns.Length];
        var unknownColumn = (BytesColumn)columns[unknown];
        for (var row = 0; row < source.RowCount; row++)
        {
            var r = row;
            var moved = columns[unknown].DefinitionLevels[r] == 1
                && promotion.TryPromote(unknownColumn.Value(cursors[unknown]), c => columns[c].DefinitionLevels[r] == 0);
            for (var c = 0; c < columns.Length; c++)
            {
                var present = columns[c].DefinitionLevels[r] == 1;
                var into = target.Columns[c];
                if (moved && c == unknown)
                {
                    AppendRest(promotion, (BytesColumn)into);
                }
                else if (present)
                {
                    into.AppendValueOf(columns[c], cursors[c]);
                }
                else if (moved && promotion.Promoted(c))
                {
                    into.AppendRowOf(promotion.Value(c));
                    promoted[c]++;
                }
                else
                {
                    into.AppendNull();
                }

                cursors[c] += present ? 1 : 0;
            }
        }
    }

    private static void AppendRest(UnknownFieldsPromotion promotion, BytesColumn into)
    {
        if (promotion.Rest.IsEmpty)
        {
            into.AppendNull();
        }
        else
        {
            into.Append(promotion.Rest);
        }
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

        return -1;
    }
}

/// <summary>What <see cref="UnknownFieldsRewriter"/> did to one file: the new file (null when nothing moved), the values moved per column, and the values left because their type did not fit.</summary>
internal sealed record PromotedFile(CompactedFile? File, IReadOnlyDictionary<string, long> Moved, long Refused);
