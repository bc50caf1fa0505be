using ClickBatch.Decoding;
using ClickBatch.Landing;
using ClickBatch.Parquet;
using ClickBatch.Tests.Landing;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Parquet;

public class PartitionedFileWriterTests
{
    [Fact]
    public async Task CompleteAsync_SmallTargetSize_RollsSeveralFilesWhoseCountsAddUp()
    {
        using var temp = new TempDirectory();
        var clicks = ClickEvents.Generate(3000, days: 1);
        var options = new FileWriterOptions { TargetFileBytes = 16 * 1024, RowGroupRows = 250 };

        var result = await TopicFileSinkTests.WriteAsync(temp, clicks, options);

        result.DataFiles.Count.ShouldBeGreaterThan(2);
        result.DataFiles.Sum(f => f.NumRecords).ShouldBe(clicks.Count);
        foreach (var file in result.DataFiles)
        {
            DuckDb.Scalar($"SELECT count(*) FROM read_parquet({DuckDb.Literal(file.LocalPath)})").ShouldBe(file.NumRecords);
            file.SizeBytes.ShouldBe(new FileInfo(file.LocalPath).Length);
        }

        AllOffsets(temp).ShouldBe(clicks.Select(c => c.Offset).Order());
    }

    [Fact]
    public async Task CompleteAsync_MoreDaysThanOpenFiles_ClosesLeastRecentAndKeepsEveryRow()
    {
        using var temp = new TempDirectory();
        // Blocks of 50 rows per day, the days cycling twice: with 2 open files every block opens a new file.
        var clicks = ClickEvents.Generate(600, days: 6).OrderBy(c => c.Occurred).Chunk(50)
            .Select((chunk, i) => (chunk, i)).OrderBy(x => x.i % 2).ThenBy(x => x.i).SelectMany(x => x.chunk).ToList();
        var options = new FileWriterOptions { MaxOpenFiles = 2 };

        var result = await TopicFileSinkTests.WriteAsync(temp, clicks, options);

        result.DataFiles.Count.ShouldBe(12);
        result.DataFiles.Select(f => f.PartitionValues["dt"]).Distinct().Count().ShouldBe(6);
        AllOffsets(temp).ShouldBe(clicks.Select(c => c.Offset).Order());
        foreach (var file in result.DataFiles)
        {
            var days = DuckDb.Query($"SELECT DISTINCT CAST(CAST(datetime_occured AT TIME ZONE 'UTC' AS DATE) AS VARCHAR) FROM read_parquet({DuckDb.Literal(file.LocalPath)})");
            days.ShouldHaveSingleItem()[0].ShouldBe(file.PartitionValues["dt"]);
            file.RelativePath.ShouldStartWith("dt=" + file.PartitionValues["dt"] + "/part-");
            file.RelativePath.ShouldEndWith(".zstd.parquet");
        }
    }

    [Fact]
    public async Task CompleteAsync_ClosedFile_ReportsKafkaOffsetRangesPerPartition()
    {
        using var temp = new TempDirectory();
        var clicks = ClickEvents.Generate(90, days: 1);

        var file = (await TopicFileSinkTests.WriteAsync(temp, clicks)).DataFiles.ShouldHaveSingleItem();

        var expected = clicks.GroupBy(c => c.Partition).OrderBy(g => g.Key)
            .Select(g => new KafkaOffsetRange("clicks", g.Key, g.Min(c => c.Offset), g.Max(c => c.Offset), g.Count()));
        file.KafkaOffsets.ShouldBe(expected);
    }

    [Fact]
    public async Task Append_OptionalEventTimeMissing_WritesHiveDefaultPartition()
    {
        using var temp = new TempDirectory();
        var schema = new TopicSchema("events", [new FieldSpec("id", FieldKind.String, true), new FieldSpec("at", FieldKind.Timestamp, false)], "at");
        await using var sink = new TopicFileSink(schema, Records.Options(), temp.Sub("data"), temp.Sub("rejects"));
        sink.Add(Records.Json("{\"id\":\"a\"}")).ShouldBe(SinkOutcome.Row);

        var file = (await sink.CompleteAsync(CancellationToken.None)).DataFiles.ShouldHaveSingleItem();

        file.PartitionValues["dt"].ShouldBeNull();
        file.RelativePath.ShouldStartWith("dt=__HIVE_DEFAULT_PARTITION__/");
    }

    [Fact]
    public async Task Append_PartitioningNone_WritesAtRootWithoutPartitionValues()
    {
        using var temp = new TempDirectory();
        await using var sink = new TopicFileSink(BuiltInSchemas.Clicks, Records.Options(PartitionMode.None), temp.Sub("data"), temp.Sub("rejects"));
        sink.Add(Records.Json(Records.Click())).ShouldBe(SinkOutcome.Row);

        var file = (await sink.CompleteAsync(CancellationToken.None)).DataFiles.ShouldHaveSingleItem();

        file.PartitionValues.ShouldBeEmpty();
        file.RelativePath.ShouldNotContain("/");
    }

    [Fact]
    public async Task Append_ManyPartitionsUnderByteCap_BufferedBytesNeverExceedCap()
    {
        using var temp = new TempDirectory();
        var decoder = new RecordDecoder(BuiltInSchemas.Clicks, Records.Options());
        var options = new FileWriterOptions { RowGroupBytes = 32 * 1024, MaxBufferedBytes = 48 * 1024, MaxOpenFiles = 8 };
        var clicks = ClickEvents.Generate(3000, days: 6);
        long maxSeen = 0;
        long maxRetained = 0;
        await using var writer = new PartitionedFileWriter(decoder.Layout, temp.Path, options);
        foreach (var click in clicks)
        {
            ClickEvents.AppendTo(writer, decoder, click);
            maxSeen = Math.Max(maxSeen, writer.BufferedBytes);
            maxRetained = Math.Max(maxRetained, writer.RetainedBytes);
        }

        var files = await writer.CompleteAsync(CancellationToken.None);

        maxSeen.ShouldBeLessThanOrEqualTo(options.MaxBufferedBytes);
        maxSeen.ShouldBeGreaterThan(options.MaxBufferedBytes / 2);
        maxRetained.ShouldBeLessThanOrEqualTo(3 * options.MaxBufferedBytes);
        files.Sum(f => f.NumRecords).ShouldBe(clicks.Count);
        writer.BufferedBytes.ShouldBe(0);
    }

    [Fact]
    public async Task Add_ProducerTimestampBeyondYear9999_StoresNullTimestampAndNullPartition()
    {
        using var temp = new TempDirectory();
        await using var sink = new TopicFileSink(BuiltInSchemas.Clicks, Records.Options(PartitionMode.KafkaDate), temp.Sub("data"), temp.Sub("rejects"));
        sink.Add(Records.Json(Records.Click(), timestampMs: long.MaxValue / 2)).ShouldBe(SinkOutcome.Row);
        sink.Add(Records.Bytes(null, offset: 1, timestampMs: long.MaxValue / 2)).ShouldBe(SinkOutcome.Reject);

        var result = await sink.CompleteAsync(CancellationToken.None);

        result.DataFiles.ShouldHaveSingleItem().PartitionValues["dt"].ShouldBeNull();
        result.RejectFiles.ShouldHaveSingleItem().PartitionValues["dt"].ShouldBeNull();
        DuckDb.Scalar($"SELECT count(*) FROM read_parquet({DuckDb.Literal(result.DataFiles[0].LocalPath)}) WHERE _kafka_timestamp IS NULL").ShouldBe(1L);
    }

    [Fact]
    public async Task Append_DaysOneAfterAnother_RetainedBufferCapacityStaysNearCap()
    {
        using var temp = new TempDirectory();
        var decoder = new RecordDecoder(BuiltInSchemas.Clicks, Records.Options());
        var options = new FileWriterOptions { RowGroupBytes = 32 * 1024, MaxBufferedBytes = 48 * 1024, MaxOpenFiles = 8 };
        long maxRetained = 0;
        await using var writer = new PartitionedFileWriter(decoder.Layout, temp.Path, options);
        foreach (var click in ClickEvents.Generate(3000, days: 6).OrderBy(c => c.Occurred))
        {
            ClickEvents.AppendTo(writer, decoder, click);
            maxRetained = Math.Max(maxRetained, writer.RetainedBytes);
        }

        await writer.CompleteAsync(CancellationToken.None);

        maxRetained.ShouldBeLessThanOrEqualTo(3 * options.MaxBufferedBytes);
    }

    [Fact]
    public async Task AppendLastRow_DaysInRandomOrder_HoldsExactlyTheRowsBytesAndWritesEachRowToItsDay()
    {
        using var temp = new TempDirectory();
        var decoder = new RecordDecoder(BuiltInSchemas.Clicks, Records.Options());
        var budget = new RowBufferBudget(64L * 1024 * 1024);
        await using var writer = new PartitionedFileWriter(decoder.Layout, temp.Path, new FileWriterOptions { MaxOpenFiles = 3 }, budget: budget);
        var clicks = ClickEvents.Generate(300, days: 3);
        long rowBytes = 0;
        foreach (var click in clicks)
        {
            // The row's size measured on its own, in the decoder's scratch row.
            decoder.TryDecode(ClickEvents.ToRecord(click)).ShouldBeTrue();
            rowBytes += decoder.Row.ByteSize;

            decoder.TryDecode(ClickEvents.ToRecord(click), writer.NextRowTarget).ShouldBeTrue();
            writer.AppendLastRow(decoder.PartitionDay, "clicks", click.Partition, click.Offset);

            writer.BufferedBytes.ShouldBe(rowBytes);
            budget.BufferedBytes.ShouldBe(rowBytes);
        }

        var files = await writer.CompleteAsync(CancellationToken.None);

        files.Count.ShouldBe(3);
        foreach (var file in files)
        {
            var rows = DuckDb.Query($"SELECT _kafka_offset, CAST(CAST(datetime_occured AT TIME ZONE 'UTC' AS DATE) AS VARCHAR) FROM read_parquet({DuckDb.Literal(file.LocalPath)})");
            rows.ShouldAllBe(r => (string?)r[1] == file.PartitionValues["dt"]);
            rows.Select(r => (long)r[0]!).Order().ShouldBe(clicks.Where(c => c.Occurred.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == file.PartitionValues["dt"]).Select(c => c.Offset).Order());
        }
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryProblem()
    {
        var options = new FileWriterOptions { TargetFileBytes = 1, MaxOpenFiles = 0, ZstdLevel = 30 };

        var ex = Should.Throw<ClickBatch.Errors.ConfigurationException>(() => new PartitionedFileWriter(TableLayout.Rejects, "/tmp/x", options));

        ex.Problems.Count.ShouldBe(3);
        ex.Problems.ShouldContain(p => p.StartsWith("target file size must be at least"));
        ex.Problems.ShouldContain(p => p.StartsWith("max open files must be at least"));
        ex.Problems.ShouldContain(p => p.StartsWith("zstd level must be between"));
    }

    private static List<long> AllOffsets(TempDirectory temp) =>
        DuckDb.Query($"SELECT _kafka_offset FROM read_parquet({DuckDb.Literal(temp.Sub("data") + "/**/*.parquet")}) ORDER BY 1")
            .Select(r => (long)r[0]!).ToList();
}
