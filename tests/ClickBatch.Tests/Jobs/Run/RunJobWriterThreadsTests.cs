using System.Text;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Jobs.Run;

/// <summary>
/// Issue 15, writer threads (<c>Run.WriterThreads</c>): lanes decode and write side by side, each with the partitions
/// p % N == its number, and a run lands exactly what one thread lands, each record once, each lane in its own files.
/// </summary>
public sealed class RunJobWriterThreadsTests : IDisposable
{
    private const int Partitions = 4;
    private readonly RunTestLake _one = new();
    private readonly RunTestLake _two = new();

    public void Dispose()
    {
        _one.Dispose();
        _two.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_TwoWriterThreads_LandsWhatOneThreadLandsEachRecordOnceEachLaneInItsOwnFiles()
    {
        var oneReport = await _one.RunAsync(Source(), _one.Settings() with { WriterThreads = 1, CommitEveryRecords = 150 });
        var twoReport = await _two.RunAsync(Source(), _two.Settings() with { WriterThreads = 2, CommitEveryRecords = 150, WriterThreadsMinChunk = 1 });

        twoReport.Status.ShouldBe(RunStatus.Succeeded);
        Tallies(twoReport).ShouldBe(Tallies(oneReport));
        var records = Partitions * PerPartition;
        (Tallies(twoReport).Sum(t => t.Rows) + Tallies(twoReport).Sum(t => t.Rejects)).ShouldBe(records);
        Tallies(twoReport).Sum(t => t.Rejects).ShouldBeGreaterThan(0);
        var rows = await RowsAsync(_two, "clicks");
        rows.ShouldBe(await RowsAsync(_one, "clicks"));
        rows.Select(r => r.Split('|')[0]).Distinct().Count().ShouldBe(rows.Count, "each (partition, offset) once");
        (await RowsAsync(_two, "clicks_rejects")).ShouldBe(await RowsAsync(_one, "clicks_rejects"));
        for (var partition = 0; partition < Partitions; partition++)
        {
            (await _two.TxnAsync("clicks", "clicks", partition)).ShouldBe(PerPartition);
            (await _two.TxnAsync("clicks_rejects", "clicks", partition)).ShouldBe(PerPartition);
        }

        // Every data file holds one lane's partitions (even or odd), and both lanes wrote files.
        var lanesPerFile = DuckDb.Query($"SELECT filename, count(DISTINCT _kafka_partition % 2), min(_kafka_partition % 2) "
            + $"FROM read_parquet([{string.Join(", ", await FilesAsync(_two, "clicks"))}], filename = true) GROUP BY filename");
        lanesPerFile.ShouldAllBe(r => (long)r[1]! == 1);
        lanesPerFile.Select(r => (int)r[2]!).Distinct().Order().ShouldBe([0, 1]);
    }

    [Fact]
    public async Task ExecuteAsync_TwoWriterThreadsAndSmallChunks_WriteOneFilePerEventDayAndCommitAsOneThreadDoes()
    {
        // Chunks of 16 records stay below the split size (4,000 by default): a run of a few records is the first thread's alone.
        var oneReport = await _one.RunAsync(Source(), _one.Settings() with { WriterThreads = 1, CommitEveryRecords = 150 });
        var twoReport = await _two.RunAsync(Source(), _two.Settings() with { WriterThreads = 2, CommitEveryRecords = 150 });

        Tallies(twoReport).ShouldBe(Tallies(oneReport));
        (await FilesAsync(_two, "clicks")).Count.ShouldBe((await FilesAsync(_one, "clicks")).Count);
        (await RowsAsync(_two, "clicks")).ShouldBe(await RowsAsync(_one, "clicks"));
    }

    private const int PerPartition = 120;

    /// <summary>Clicks in four partitions, every seventh value cut short (a reject); chunks mix the partitions, so both lanes work on each.</summary>
    private static FakeKafkaSource Source()
    {
        var source = new FakeKafkaSource { MixPartitions = true, MaxChunkRecords = 16 };
        var clicks = ClickEvents.Generate(Partitions * PerPartition);
        for (var partition = 0; partition < Partitions; partition++)
        {
            var values = clicks.Skip(partition * PerPartition).Take(PerPartition)
                .Select((c, i) => i % 7 == 3 ? Encoding.UTF8.GetBytes(c.Json[..10]) : Encoding.UTF8.GetBytes(c.Json));
            source.WithValues("clicks", partition, values);
        }

        return source;
    }

    private static List<(int Partition, long Records, long Rows, long Rejects)> Tallies(RunReport report) =>
        report.Topics.Single().Partitions.OrderBy(p => p.Partition).Select(p => (p.Partition, p.Records, p.Rows, p.Rejects)).ToList();

    /// <summary>Every row as text, the run's own columns left out, in (partition, offset) order.</summary>
    private static async Task<List<string>> RowsAsync(RunTestLake lake, string table)
    {
        var files = await FilesAsync(lake, table);
        return DuckDb.Query($"SELECT _kafka_partition, _kafka_offset, * EXCLUDE (_run_id, _ingested_at) "
                + $"FROM read_parquet([{string.Join(", ", files)}], hive_partitioning = false) ORDER BY _kafka_partition, _kafka_offset")
            .Select(r => $"{r[0]}-{r[1]}|" + string.Join("|", r.Skip(2).Select(v => v is byte[] b ? Convert.ToHexString(b) : v?.ToString()))).ToList();
    }

    private static async Task<List<string>> FilesAsync(RunTestLake lake, string table) =>
        (await lake.SnapshotAsync(table)).ActiveFiles.Select(f => DuckDb.Literal(Path.Combine(lake.Lake, table, UriPath.Unescape(f.Path)))).ToList();
}
