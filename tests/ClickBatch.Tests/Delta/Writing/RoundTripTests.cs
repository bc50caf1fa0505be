using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Inspection;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Tests.Support;
using DuckDB.NET.Data;

namespace ClickBatch.Tests.Delta.Writing;

public class RoundTripTests
{
    [Fact]
    public async Task Describe_FilesWrittenWithoutStats_ExactRowsFromFootersMatchDuckDbCount()
    {
        using var t = new DeltaTestTable(partitioned: true);
        await t.CreateAsync();
        var layout = new[] { ("2026-11-01", 3), ("2026-11-01", 5), ("a b:c", 2) };
        var tx = t.Table.StartTransaction(await t.SnapshotAsync(), "WRITE");
        var i = 0;
        foreach (var (day, rows) in layout)
        {
            var values = new Dictionary<string, string?> { ["event_date"] = day };
            var key = PartitionPath.Build(["event_date"], values) + "/part-" + i++ + ".parquet";
            var size = ParquetTestFiles.WriteIds(Path.Combine(t.Path, key), Enumerable.Range(0, rows).Select(r => (long)r).ToList());
            tx.Add(AddFile.Create(key, values, size, t.Clock.GetUtcNow(), stats: null));
        }

        await tx.CommitAsync(CancellationToken.None);
        var description = await TableDescriber.DescribeAsync(t.Table.Log, null, exactRows: true, CancellationToken.None);

        (await t.SnapshotAsync()).ActiveFiles.Select(f => f.Path).ShouldContain("event_date=a%20b%253Ac/part-2.parquet");
        description.Rows.ShouldBeNull();
        description.RowsExact.ShouldBe(layout.Sum(l => l.Item2));
        description.RowsExact.ShouldBe(await DuckDbCountAsync(t.Path, await t.SnapshotAsync()));
    }

    private static async Task<long> DuckDbCountAsync(string root, Snapshot snapshot)
    {
        var files = snapshot.ActiveFiles.Select(f => "'" + Path.Combine(root, DataFilePath.ToKey(snapshot.Table, f.Path)).Replace("'", "''", StringComparison.Ordinal) + "'");
        using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM read_parquet([" + string.Join(", ", files) + "])";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
