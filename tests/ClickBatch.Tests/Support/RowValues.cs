using System.Text;
using ClickBatch.Decoding;

namespace ClickBatch.Tests.Support;

/// <summary>Reads the single row of a scratch batch by column name (null when the value is null).</summary>
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
}
