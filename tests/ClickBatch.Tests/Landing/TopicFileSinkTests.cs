using System.Globalization;
using ClickBatch.Decoding;
using ClickBatch.Landing;
using ClickBatch.Parquet;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Landing;

public class TopicFileSinkTests
{
    [Fact]
    public async Task CompleteAsync_GeneratedClicks_DuckDbReadsSameValues()
    {
        using var temp = new TempDirectory();
        var clicks = ClickEvents.Generate(2000);
        var result = await WriteAsync(temp, clicks);

        var rows = DuckDb.Query("SELECT _kafka_offset, _kafka_partition, click_id, user_id, product_id, product, price, "
            + "epoch_us(datetime_occured), _kafka_key, epoch_us(_kafka_timestamp), _run_id, _unknown_fields, CAST(dt AS VARCHAR) "
            + $"FROM read_parquet({DuckDb.Literal(temp.Sub("data") + "/**/*.parquet")}, hive_partitioning = true) ORDER BY _kafka_offset");

        result.Rows.ShouldBe(2000);
        rows.Count.ShouldBe(clicks.Count);
        foreach (var (row, click) in rows.Zip(clicks))
        {
            row.ShouldBe(
            [
                click.Offset, click.Partition, click.ClickId, click.UserId, click.ProductId, click.Product, click.Price,
                ToMicros(click.Occurred), click.Key, (click.Occurred.ToUnixTimeMilliseconds() + 1500) * 1000, "run-1", null,
                click.Occurred.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ]);
        }
    }

    [Fact]
    public async Task CompleteAsync_ClickTable_DuckDbSeesDeltaTypes()
    {
        using var temp = new TempDirectory();
        await WriteAsync(temp, ClickEvents.Generate(50));

        var types = DuckDb.Query($"DESCRIBE SELECT * FROM read_parquet({DuckDb.Literal(temp.Sub("data") + "/**/*.parquet")}, hive_partitioning = true)")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

        types["click_id"].ShouldBe("VARCHAR");
        types["user_id"].ShouldBe("INTEGER");
        types["price"].ShouldBe("DOUBLE");
        types["datetime_occured"].ShouldBe("TIMESTAMP WITH TIME ZONE");
        types["_kafka_partition"].ShouldBe("INTEGER");
        types["_kafka_offset"].ShouldBe("BIGINT");
        types["_ingested_at"].ShouldBe("TIMESTAMP WITH TIME ZONE");
        types["dt"].ShouldBe("DATE");
    }

    [Fact]
    public async Task CompleteAsync_Checkouts_DecimalReadsBackAsDecimal10_2()
    {
        using var temp = new TempDirectory();
        var amounts = new[] { "0.01", "19.99", "-5.5", "99999999.99", "12" };
        await using (var sink = new TopicFileSink(BuiltInSchemas.Checkouts, Records.Options(), temp.Sub("data"), temp.Sub("rejects")))
        {
            for (var i = 0; i < amounts.Length; i++)
            {
                sink.Add(Records.Json("{\"checkout_id\":\"k" + i + "\",\"user_id\":1,\"product_id\":\"p\",\"total_amount\":"
                    + amounts[i] + ",\"datetime_occured\":\"2024-01-05 00:00:00\"}", offset: i)).ShouldBe(SinkOutcome.Row);
            }

            await sink.CompleteAsync(CancellationToken.None);
        }

        var source = $"read_parquet({DuckDb.Literal(temp.Sub("data") + "/**/*.parquet")})";
        DuckDb.Query($"DESCRIBE SELECT total_amount FROM {source}")[0][1].ShouldBe("DECIMAL(10,2)");
        DuckDb.Query($"SELECT total_amount FROM {source} ORDER BY _kafka_offset").Select(r => (decimal)r[0]!)
            .ShouldBe(amounts.Select(a => decimal.Parse(a, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Add_MixedGoodAndBad_RowsPlusRejectsEqualsInputAndRejectsKeepExactBytes()
    {
        using var temp = new TempDirectory();
        var bad = new (byte[]? Value, string Kind)[]
        {
            (null, "tombstone"), ([], "empty_payload"), ("{\"click_id\":"u8.ToArray(), "invalid_json"),
            ([0x7B, 0xFF, 0x7D], "invalid_utf8"), ("[]"u8.ToArray(), "not_an_object"),
            ("{\"click_id\":\"c\"}"u8.ToArray(), "missing_required_field"),
        };
        var good = ClickEvents.Generate(30);
        var records = good.Select(ClickEvents.ToRecord).ToList();
        records.AddRange(bad.Select((b, i) => Records.Bytes(b.Value, partition: 1, offset: 1000 + i)));

        await using var sink = new TopicFileSink(BuiltInSchemas.Clicks, Records.Options(), temp.Sub("data"), temp.Sub("rejects"));
        foreach (var record in records)
        {
            sink.Add(record);
        }

        var result = await sink.CompleteAsync(CancellationToken.None);

        (result.Rows + result.Rejects).ShouldBe(records.Count);
        result.Rows.ShouldBe(good.Count);
        result.RejectsByKind.Values.Sum().ShouldBe(bad.Length);
        var rejects = DuckDb.Query("SELECT _kafka_offset, to_base64(raw_value), error_kind, error_message, CAST(dt AS VARCHAR), _kafka_topic "
            + $"FROM read_parquet({DuckDb.Literal(temp.Sub("rejects") + "/**/*.parquet")}, hive_partitioning = true) ORDER BY _kafka_offset");
        rejects.Count.ShouldBe(bad.Length);
        for (var i = 0; i < bad.Length; i++)
        {
            rejects[i][0].ShouldBe(1000L + i);
            (rejects[i][1] is null ? null : Convert.FromBase64String((string)rejects[i][1]!)).ShouldBe(bad[i].Value);
            rejects[i][2].ShouldBe(bad[i].Kind);
            ((string)rejects[i][3]!).ShouldNotBeEmpty();
            rejects[i][4].ShouldBe("2024-01-05");
            rejects[i][5].ShouldBe("clicks");
        }
    }

    [Fact]
    public async Task Add_EveryRecordAnotherDayWithOneOpenFile_EachRowLandsOnceInItsDaysFile()
    {
        using var temp = new TempDirectory();
        // Rows are decoded into the buffer of the file written last; here each belongs to another day, whose file opening
        // closes that one.
        var clicks = ClickEvents.Generate(40, days: 2).OrderBy(c => c.Occurred.Day).ToList();
        clicks = clicks.Take(20).Zip(clicks.Skip(20)).SelectMany(pair => new[] { pair.First, pair.Second }).ToList();
        clicks.Select(c => c.Occurred.Day).Distinct().Count().ShouldBe(2);

        var result = await WriteAsync(temp, clicks, new FileWriterOptions { MaxOpenFiles = 1 });

        result.DataFiles.Count.ShouldBeGreaterThan(20);
        var rows = DuckDb.Query("SELECT _kafka_offset, click_id, CAST(CAST(datetime_occured AT TIME ZONE 'UTC' AS DATE) AS VARCHAR), CAST(dt AS VARCHAR) "
            + $"FROM read_parquet({DuckDb.Literal(temp.Sub("data") + "/**/*.parquet")}, hive_partitioning = true) ORDER BY _kafka_offset");
        rows.Select(r => (long)r[0]!).ShouldBe(clicks.Select(c => c.Offset).Order());
        foreach (var row in rows)
        {
            row[1].ShouldBe(clicks.Single(c => c.Offset == (long)row[0]!).ClickId);
            row[2].ShouldBe(row[3]);
        }
    }

    [Fact]
    public async Task Add_BelowTheDataTablesStoredOffset_SkipsTheRowsAndWritesTheRest()
    {
        using var temp = new TempDirectory();
        await using var sink = new TopicFileSink(BuiltInSchemas.Clicks, Records.Options(), temp.Sub("data"), temp.Sub("rejects"));
        sink.SkipBelow(new Dictionary<int, long> { [0] = 3 }, new Dictionary<int, long>());
        sink.Add(Records.Json(Records.Click(clickId: "p1"), partition: 1, offset: 0)).ShouldBe(SinkOutcome.Row);

        var outcomes = Enumerable.Range(0, 6)
            .Select(i => sink.Add(Records.Json(Records.Click(clickId: "c-" + i), offset: i)))
            .ToList();
        var file = (await sink.CompleteAsync(CancellationToken.None)).DataFiles.ShouldHaveSingleItem();

        outcomes.ShouldBe([SinkOutcome.AlreadyLanded, SinkOutcome.AlreadyLanded, SinkOutcome.AlreadyLanded, SinkOutcome.Row, SinkOutcome.Row, SinkOutcome.Row]);
        sink.AlreadyLanded.ShouldBe(3);
        DuckDb.Query($"SELECT _kafka_partition, _kafka_offset, click_id FROM read_parquet({DuckDb.Literal(file.LocalPath)}) ORDER BY 1, 2")
            .Select(r => $"{r[0]}:{r[1]}:{r[2]}").ShouldBe(["0:3:c-3", "0:4:c-4", "0:5:c-5", "1:0:p1"]);
    }

    [Fact]
    public async Task DisposeAsync_WithoutComplete_LeavesNoParquetFiles()
    {
        using var temp = new TempDirectory();
        await using (var sink = new TopicFileSink(BuiltInSchemas.Clicks, Records.Options(), temp.Sub("data"), temp.Sub("rejects")))
        {
            foreach (var click in ClickEvents.Generate(100))
            {
                sink.Add(ClickEvents.ToRecord(click));
            }

            sink.Add(Records.Bytes(null));
        }

        Directory.EnumerateFiles(temp.Path, "*.parquet", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    internal static async Task<TopicFileSinkResult> WriteAsync(TempDirectory temp, IEnumerable<ExpectedClick> clicks, FileWriterOptions? options = null)
    {
        await using var sink = new TopicFileSink(BuiltInSchemas.Clicks, Records.Options(), temp.Sub("data"), temp.Sub("rejects"), options);
        foreach (var click in clicks)
        {
            sink.Add(ClickEvents.ToRecord(click)).ShouldBe(SinkOutcome.Row, click.Json);
        }

        return await sink.CompleteAsync(CancellationToken.None);
    }

    private static long ToMicros(DateTimeOffset instant) => (instant.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;
}
