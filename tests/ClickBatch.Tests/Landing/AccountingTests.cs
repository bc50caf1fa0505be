using System.Text;
using ClickBatch.Decoding;
using ClickBatch.Landing;
using ClickBatch.Parquet;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Landing;

public class AccountingTests
{
    [Fact]
    public async Task Add_RandomlyCorruptedPayloads_EveryOffsetLandsExactlyOnceInTableOrRejects()
    {
        using var temp = new TempDirectory();
        var random = new Random(11);
        var records = ClickEvents.Generate(3000).Select(c => Corrupt(ClickEvents.ToRecord(c), random)).ToList();

        TopicFileSinkResult result;
        await using (var sink = new TopicFileSink(BuiltInSchemas.Clicks, Records.Options(), temp.Sub("data"), temp.Sub("rejects"),
            new FileWriterOptions { RowGroupRows = 300 }))
        {
            foreach (var record in records)
            {
                sink.Add(record);
            }

            result = await sink.CompleteAsync(CancellationToken.None);
        }

        result.RecordsIn.ShouldBe(records.Count);
        (result.Rows + result.Rejects).ShouldBe(records.Count);
        result.Rejects.ShouldBeGreaterThan(records.Count / 4);
        result.Rows.ShouldBeGreaterThan(records.Count / 4);
        var stored = DuckDb.Query(
            $"SELECT _kafka_partition, _kafka_offset FROM read_parquet({DuckDb.Literal(temp.Sub("data") + "/**/*.parquet")}) UNION ALL "
            + $"SELECT _kafka_partition, _kafka_offset FROM read_parquet({DuckDb.Literal(temp.Sub("rejects") + "/**/*.parquet")}) ORDER BY 2")
            .Select(r => ((int)r[0]!, (long)r[1]!)).ToList();
        stored.ShouldBe(records.Select(r => (r.Partition, r.Offset)).OrderBy(p => p.Offset).ToList());
    }

    private static RawRecord Corrupt(RawRecord record, Random random)
    {
        var bytes = record.Value!.Value.ToArray();
        switch (random.Next(6))
        {
            case 0:
                bytes = bytes[..random.Next(bytes.Length)];
                break;
            case 1:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                break;
            case 2:
                var at = random.Next(bytes.Length);
                bytes = [.. bytes[..at], .. Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "\"" : ",null"), .. bytes[at..]];
                break;
            default:
                return record;
        }

        return record with { Value = bytes };
    }
}
