using System.Text;
using System.Text.Json;

namespace ClickBatch.Parquet;

/// <summary>Serializes a file's statistics as the Delta add action's <c>stats</c> JSON string.</summary>
internal static class StatsJsonWriter
{
    public static string Write(long numRecords, IReadOnlyList<ColumnStatistics> columns)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("numRecords", numRecords);
            WriteSection(writer, "minValues", columns, (c, w) => c.WriteMin(w));
            WriteSection(writer, "maxValues", columns, (c, w) => c.WriteMax(w));
            writer.WriteStartObject("nullCount");
            foreach (var column in columns)
            {
                writer.WriteNumber(column.Field.Name, column.NullCount);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteSection(
        Utf8JsonWriter writer, string name, IReadOnlyList<ColumnStatistics> columns, Func<ColumnStatistics, Utf8JsonWriter, bool> write)
    {
        writer.WriteStartObject(name);
        foreach (var column in columns)
        {
            if (column.HasValues)
            {
                write(column, writer);
            }
        }

        writer.WriteEndObject();
    }
}
