using System.Text;
using ClickBatch.Decoding;

namespace ClickBatch.Tests.Decoding;

public class ColumnBufferTests
{
    private static readonly FieldSpec Text = new("s", FieldKind.String, Required: false);

    [Fact]
    public void TruncateRows_BytesWithNulls_DropsTheRowsValuesAndArenaBytes()
    {
        var column = new BytesColumn(Text);
        column.Append("aa"u8);
        column.AppendNull();
        column.Append("bbb"u8);
        column.Append("cccc"u8);
        var sizeAtTwo = 2 + 4 + 4;

        column.TruncateRows(2);
        column.Append("x"u8);

        column.RowCount.ShouldBe(3);
        column.ValueCount.ShouldBe(2);
        column.DefinitionLevels.ToArray().ShouldBe(new short[] { 1, 0, 1 });
        Encoding.UTF8.GetString(column.Value(0)).ShouldBe("aa");
        Encoding.UTF8.GetString(column.Value(1)).ShouldBe("x");
        column.ByteSize.ShouldBe(sizeAtTwo + 1 + 4 + 2);
    }

    [Fact]
    public void TruncateRows_Values_DropsOnlyTheValuesOfDroppedRows()
    {
        var column = new ValueColumn<long>(new FieldSpec("n", FieldKind.Long, Required: false));
        column.Append(1);
        column.AppendNull();
        column.Append(2);

        column.TruncateRows(1);
        column.AppendNull();
        column.Append(3);

        column.Values.ToArray().ShouldBe([1L, 3L]);
        column.DefinitionLevels.ToArray().ShouldBe(new short[] { 1, 0, 1 });
    }

    [Fact]
    public void AppendRowOf_BatchOfSeveralRows_CopiesItsLastRow()
    {
        var source = new BytesColumn(Text);
        source.Append("first"u8);
        source.Append("last"u8);
        var nulls = new BytesColumn(Text);
        nulls.Append("value"u8);
        nulls.AppendNull();
        var target = new BytesColumn(Text);

        target.AppendRowOf(source);
        target.AppendRowOf(nulls);

        Encoding.UTF8.GetString(target.Value(0)).ShouldBe("last");
        target.DefinitionLevels.ToArray().ShouldBe(new short[] { 1, 0 });
    }

    [Fact]
    public void TruncateRows_BeyondRowCount_Throws()
    {
        var column = new BytesColumn(Text);
        column.Append("a"u8);

        Should.Throw<ArgumentOutOfRangeException>(() => column.TruncateRows(2));
        Should.Throw<ArgumentOutOfRangeException>(() => column.TruncateRows(-1));
    }
}
