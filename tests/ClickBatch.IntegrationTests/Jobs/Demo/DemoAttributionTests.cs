using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Jobs.Demo;

/// <summary><c>clickbatch demo</c> as a user runs it: it ends with the attribution over its local lake (issue 7).</summary>
public sealed class DemoAttributionTests
{
    [Fact]
    public async Task Demo_SmallDay_EndsWithTheDbtAttributionOfEveryCheckoutInTheLake()
    {
        using var lake = new TempLake();
        using var demo = ClickBatchProcess.Start("demo", "--lake", lake.Path + "/lake", "--clicks", "2000", "--seed", "5");
        var stdout = await demo.StandardOutput.ReadToEndAsync();

        (await demo.WaitForExitAsync(TimeSpan.FromMinutes(3))).ShouldBe(0, await demo.StandardError);

        // The expected summary: the C# first-click attribution of the events the demo landed, read by DuckDB from the
        // tables' active files (the tests' own log replay), independent of the dbt models the demo ran.
        var clicks = await EventsAsync(lake.Path + "/lake/clicks", "click_id");
        var checkouts = await EventsAsync(lake.Path + "/lake/checkouts", "checkout_id");
        var attribution = FirstClickAttribution.Compute(clicks, checkouts);
        attribution.Count.ShouldBeGreaterThan(0);
        attribution.Values.ShouldContain(v => v != null, "some checkouts should be attributed");
        stdout.ShouldContain("First-click attribution (DuckDB over the lake, the dbt models rendered by ");
        foreach (var line in ExpectedAttributionSummary.Lines(clicks, checkouts, attribution))
        {
            stdout.ShouldContain(line);
        }

        stdout.ShouldContain("top 5 products by attributed revenue:\n    1. ");
    }

    /// <summary>The table's rows as attribution events, in Kafka order (duplicates are identical copies).</summary>
    private static async Task<List<AttributionEvent>> EventsAsync(string tableUri, string idColumn)
    {
        var isClick = idColumn == "click_id";
        var rows = await LakeReader.RowsAsync(tableUri,
            $"SELECT {idColumn}, user_id, product_id, datetime_occured, {(isClick ? "0::DECIMAL(10,2), product" : "total_amount, NULL")} "
            + "FROM t ORDER BY _kafka_timestamp, _kafka_partition, _kafka_offset");
        return rows.Select(r => new AttributionEvent((string)r[0]!, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture),
            (string)r[2]!, Utc(r[3]!), Convert.ToDecimal(r[4], System.Globalization.CultureInfo.InvariantCulture), (string?)r[5])).ToList();
    }

    private static DateTimeOffset Utc(object value) => value switch
    {
        DateTimeOffset at => at,
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException("datetime_occured read as " + value.GetType().Name),
    };
}
