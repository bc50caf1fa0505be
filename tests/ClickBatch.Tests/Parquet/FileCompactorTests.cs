using System.Text;
using ClickBatch.Decoding;
using ClickBatch.Parquet;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Parquet;

public sealed class FileCompactorTests : IDisposable
{
    private static readonly FieldSpec[] Fields =
    [
        new("id", FieldKind.Long, Required: true),
        new("name", FieldKind.String, Required: false),
        new("amount", FieldKind.Decimal, Required: false, Precision: 10, Scale: 2),
        new("day", FieldKind.Date, Required: false),
        new("score", FieldKind.Double, Required: false),
        new("ok", FieldKind.Boolean, Required: false),
        new("raw", FieldKind.Binary, Required: false),
    ];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Compact_SmallFilesWithNulls_SameRowsAndSameStatsAsWritingThemAtOnce()
    {
        var inputs = new[] { Write("a.parquet", 0, 40), Write("b.parquet", 40, 25), Write("c.parquet", 65, 1) };
        var direct = Write("direct.parquet", 0, 66);

        var output = FileCompactor.Compact(inputs.Select(i => i.Path).ToList(), Fields, () => _dir.Sub("out.parquet"), new FileWriterOptions()).ShouldHaveSingleItem();

        output.NumRecords.ShouldBe(66);
        output.StatsJson.ShouldBe(direct.Stats);
        Rows(output.LocalPath).ShouldBe(Rows(direct.Path));
    }

    [Fact]
    public void Compact_MoreThanTheTarget_RollsIntoSeveralFilesHoldingEveryRow()
    {
        var inputs = Enumerable.Range(0, 4).Select(i => Write("in" + i + ".parquet", i * 3000, 3000).Path).ToList();
        var options = new FileWriterOptions { TargetFileBytes = 1024, RowGroupRows = 2000 };
        var n = 0;

        var outputs = FileCompactor.Compact(inputs, Fields, () => _dir.Sub("out" + n++ + ".parquet"), options);

        outputs.Count.ShouldBeGreaterThan(1);
        outputs.Sum(o => o.NumRecords).ShouldBe(12000);
        var compacted = outputs.SelectMany(o => Rows(o.LocalPath)).Order(StringComparer.Ordinal).ToList();
        var original = Rows(_dir.Sub("in*.parquet")).Order(StringComparer.Ordinal).ToList();
        compacted.SequenceEqual(original).ShouldBeTrue();
    }

    [Fact]
    public void Compact_FileFromBeforeTheTableGainedNullableColumns_ReadsThemAsNullBesideNewerFiles()
    {
        // Issue 17: the old file has only id and name; the table (and the newer file) gained five nullable columns.
        var old = Write("old.parquet", 0, 6, Fields[..2]);
        var newer = Write("new.parquet", 6, 4);

        var output = FileCompactor.Compact([old.Path, newer.Path], Fields, () => _dir.Sub("out.parquet"), new FileWriterOptions()).ShouldHaveSingleItem();

        output.NumRecords.ShouldBe(10);
        var rows = DuckDb.Query("SELECT id, name, amount, score FROM read_parquet(" + DuckDb.Literal(output.LocalPath) + ") ORDER BY id");
        rows.Take(6).ShouldAllBe(r => r[2] == null && r[3] == null);
        rows[1][1].ShouldBe("name-1");
        rows[7][3].ShouldBe(7 / 7.0);
    }

    [Fact]
    public void Compact_FileWithAColumnTheTableLacksOrWithoutARequiredOne_ThrowsNamingTheColumns()
    {
        var wider = Write("wider.parquet", 0, 3);
        var narrow = Fields.Where(f => f.Name != "score").ToArray();
        var withoutId = Write("no-id.parquet", 0, 3, [Fields[0] with { Name = "other_id" }, Fields[1]]);

        Should.Throw<ClickBatch.Errors.ClickBatchException>(() =>
            FileCompactor.Compact([wider.Path], narrow, () => _dir.Sub("x.parquet"), new FileWriterOptions())).Message.ShouldContain("score");
        Should.Throw<ClickBatch.Errors.ClickBatchException>(() =>
            FileCompactor.Compact([withoutId.Path], Fields[..2], () => _dir.Sub("y.parquet"), new FileWriterOptions())).Message.ShouldContain("other_id");
    }

    /// <summary>Rows <paramref name="from"/>.. with a null in every optional column on every third row.</summary>
    private (string Path, string Stats) Write(string name, int from, int count, FieldSpec[]? fields = null)
    {
        fields ??= Fields;
        var batch = new RowBatch(fields);
        for (var i = from; i < from + count; i++)
        {
            batch.Column<ValueColumn<long>>(0).Append(i);
            AppendOptional(batch.Column<BytesColumn>(1), i, b => b.Append(Encoding.UTF8.GetBytes("name-" + i)));
            if (fields.Length > 2)
            {
                AppendOptional(batch.Column<ValueColumn<long>>(2), i, c => c.Append(i * 101L));
                AppendOptional(batch.Column<ValueColumn<int>>(3), i, c => c.Append(20000 + (i % 50)));
                AppendOptional(batch.Column<ValueColumn<double>>(4), i, c => c.Append(i / 7.0));
                AppendOptional(batch.Column<ValueColumn<bool>>(5), i, c => c.Append(i % 2 == 0));
                AppendOptional(batch.Column<BytesColumn>(6), i, c => c.Append([(byte)i, 0, 255]));
            }
        }

        var path = _dir.Sub(name);
        using var writer = DataFileWriter.Create(path, fields, 3);
        writer.WriteRowGroup(batch);
        return (path, writer.Close());
    }

    private static void AppendOptional<T>(T column, int i, Action<T> append)
        where T : ColumnBuffer
    {
        if (i % 3 == 0)
        {
            column.AppendNull();
        }
        else
        {
            append(column);
        }
    }

    private static List<string> Rows(string glob) => DuckDb.Query("SELECT * REPLACE (hex(raw) AS raw) FROM read_parquet(" + DuckDb.Literal(glob) + ") ORDER BY ALL")
        .Select(r => string.Join('|', r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"))).ToList();
}
