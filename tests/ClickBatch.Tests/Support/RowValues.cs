using System.Text;
using ClickBatch.Decoding;

namespace ClickBatch.Tests.Support;

/// <summary>Reads a batch's values by column name: the single row of a scratch, or every row (null when the value is null).</summary>
public static class RowValues
{
    public static ColumnBuffer Column(this RowBatch row, string name)
    {
        for (var i = 0; i < row.Fields.Count; i++)
        {
            if (row.Fields[i].Name == name)
            {
                return row.Columns[i];
            }
        }

        throw new ArgumentException("no column " + name);
    }

    public static string? Text(this RowBatch row, string name)
    {
        var column = (BytesColumn)row.Column(name);
        return column.ValueCount == 0 ? null : Encoding.UTF8.GetString(column.Value(0));
    }

    public static byte[]? Bytes(this RowBatch row, string name)
    {
        var column = (BytesColumn)row.Column(name);
        return column.ValueCount == 0 ? null : column.Value(0).ToArray();
    }

    public static T? Value<T>(this RowBatch row, string name)
        where T : unmanaged
    {
        var column = (ValueColumn<T>)row.Column(name);
        return column.ValueCount == 0 ? null : column.Values[0];
    }

    /// <summary>Every row's text, in row order.</summary>
    public static List<string?> Texts(this RowBatch batch, string name)
    {
        var column = (BytesColumn)batch.Column(name);
        var values = new List<string?>();
        var next = 0;
        foreach (var level in column.DefinitionLevels)
        {
            values.Add(level == 0 ? null : Encoding.UTF8.GetString(column.Value(next++)));
        }

        return values;
    }

    /// <summary>Every row's value, in row order.</summary>
    public static List<T?> Values<T>(this RowBatch batch, string name)
        where T : unmanaged
    {
        var column = (ValueColumn<T>)batch.Column(name);
        var values = new List<T?>();
        var next = 0;
        foreach (var level in column.DefinitionLevels)
        {
            values.Add(level == 0 ? null : column.Values[next++]);
        }

        return values;
    }
}
