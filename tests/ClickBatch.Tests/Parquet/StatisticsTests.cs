using System.Globalization;
using System.Text.Json;
using ClickBatch.Decoding;
using ClickBatch.Landing;
using ClickBatch.Parquet;
using ClickBatch.Tests.Landing;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Parquet;

public class StatisticsTests
{
    [Fact]
    public async Task StatsJson_EveryFile_AgreesWithDuckDbMinMaxAndNullCounts()
    {
        using var temp = new TempDirectory();
        var result = await TopicFileSinkTests.WriteAsync(temp, ClickEvents.Generate(3000), new FileWriterOptions { RowGroupRows = 500 });
        result.DataFiles.Count.ShouldBe(3);

        foreach (var file in result.DataFiles)
        {
            using var stats = JsonDocument.Parse(file.StatsJson);
            var root = stats.RootElement;
            var source = $"read_parquet({DuckDb.Literal(file.LocalPath)})";
            root.GetProperty("numRecords").GetInt64().ShouldBe((long)DuckDb.Scalar($"SELECT count(*) FROM {source}")!);
            foreach (var field in BuiltInSchemas.Clicks.Fields.Concat(MetadataColumns.ForDataTable))
            {
                CheckColumn(root, source, field);
            }
        }
    }

    [Fact]
    public async Task StatsJson_Decimal_WrittenAsJsonNumbers()
    {
        using var temp = new TempDirectory();
        await using var sink = new TopicFileSink(BuiltInSchemas.Checkouts, Records.Options(), temp.Sub("data"), temp.Sub("rejects"));
        foreach (var (amount, i) in new[] { "-3.05", "120.5", "7" }.Select((a, i) => (a, i)))
        {
            sink.Add(Records.Json("{\"checkout_id\":\"k\",\"user_id\":1,\"product_id\":\"p\",\"total_amount\":" + amount
                + ",\"datetime_occured\":\"2024-01-05 00:00:00\"}", offset: i));
        }

        var file = (await sink.CompleteAsync(CancellationToken.None)).DataFiles.ShouldHaveSingleItem();

        using var stats = JsonDocument.Parse(file.StatsJson);
        var min = stats.RootElement.GetProperty("minValues").GetProperty("total_amount");
        min.ValueKind.ShouldBe(JsonValueKind.Number);
        min.GetDecimal().ShouldBe(-3.05m);
        stats.RootElement.GetProperty("maxValues").GetProperty("total_amount").GetDecimal().ShouldBe(120.5m);
    }

    [Theory]
    [InlineData(1_000_000L, "1970-01-01T00:00:01.000Z")]
    [InlineData(1_000_001L, "1970-01-01T00:00:01.000Z")]
    [InlineData(1_000_999L, "1970-01-01T00:00:01.000Z")]
    [InlineData(-1L, "1969-12-31T23:59:59.999Z")]
    [InlineData(-1_000L, "1969-12-31T23:59:59.999Z")]
    [InlineData(-1_001L, "1969-12-31T23:59:59.998Z")]
    public void FormatTimestamp_SubMillisecond_TruncatedDownToTheMillisecond(long micros, string expected)
    {
        // PROTOCOL.md "Per-file Statistics": "Timestamp columns are truncated down to milliseconds" (toward -infinity).
        StatisticsFormats.FormatTimestamp(micros).ShouldBe(expected);
    }

    [Fact]
    public void TruncateMin_LongString_KeepsFirst32CodePoints()
    {
        var value = string.Concat(Enumerable.Repeat("😀", 40));

        StringStatistics.TruncateMin(value).ShouldBe(string.Concat(Enumerable.Repeat("😀", 32)));
    }

    [Fact]
    public void TruncateMax_LongString_BumpsLastKeptCodePoint()
    {
        var value = new string('a', 31) + "bcdef";

        var max = StringStatistics.TruncateMax(value)!;

        max.ShouldBe(new string('a', 31) + "c");
        string.CompareOrdinal(max, value).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void TruncateMax_AllMaximalCodePoints_LeavesMaxOut()
    {
        StringStatistics.TruncateMax(string.Concat(Enumerable.Repeat(char.ConvertFromUtf32(0x10FFFF), 33))).ShouldBeNull();
    }

    [Fact]
    public void TruncateMax_ShortString_Unchanged()
    {
        StringStatistics.TruncateMax("short").ShouldBe("short");
    }

    private static void CheckColumn(JsonElement stats, string source, FieldSpec field)
    {
        var name = field.Name;
        var nulls = (long)DuckDb.Scalar($"SELECT count(*) - count({name}) FROM {source}")!;
        stats.GetProperty("nullCount").GetProperty(name).GetInt64().ShouldBe(nulls, name);
        var hasMin = stats.GetProperty("minValues").TryGetProperty(name, out var min);
        var hasMax = stats.GetProperty("maxValues").TryGetProperty(name, out var max);
        if (field.Kind == FieldKind.String)
        {
            var row = DuckDb.Query($"SELECT min({name}), max({name}) FROM {source}")[0];
            CheckString((string?)row[0], (string?)row[1], hasMin ? min.GetString() : null, hasMax ? max.GetString() : null, name);
            return;
        }

        var expression = field.Kind switch
        {
            FieldKind.Timestamp => "epoch_us({0}({1}))",
            _ => "{0}({1})",
        };
        var duck = DuckDb.Query($"SELECT {string.Format(CultureInfo.InvariantCulture, expression, "min", name)}, "
            + $"{string.Format(CultureInfo.InvariantCulture, expression, "max", name)} FROM {source}")[0];
        if (duck[0] is null)
        {
            hasMin.ShouldBeFalse(name);
            return;
        }

        Format(field, duck[0]!).ShouldBe(min.GetRawText(), name);
        Format(field, duck[1]!).ShouldBe(max.GetRawText(), name);
    }

    private static void CheckString(string? duckMin, string? duckMax, string? statsMin, string? statsMax, string name)
    {
        if (duckMin is null)
        {
            statsMin.ShouldBeNull(name);
            return;
        }

        var runes = duckMin.EnumerateRunes().Take(32).Select(r => r.ToString());
        statsMin.ShouldBe(string.Concat(runes), name);
        statsMax.ShouldNotBeNull(name);
        if (duckMax!.EnumerateRunes().Count() <= 32)
        {
            statsMax.ShouldBe(duckMax, name);
        }
        else
        {
            string.CompareOrdinal(statsMax, duckMax).ShouldBeGreaterThan(0, name);
            statsMax.EnumerateRunes().Count().ShouldBeLessThanOrEqualTo(32, name);
        }
    }

    private static string Format(FieldSpec field, object value)
    {
        if (field.Kind == FieldKind.Timestamp)
        {
            var micros = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            var millis = (long)Math.Floor(micros / 1000.0);
            return "\"" + DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "\"";
        }

        return value switch
        {
            double d => JsonSerializer.Serialize(d),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        };
    }
}
