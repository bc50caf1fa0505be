using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Demo;

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

        await using var duck = await DbtWorkbench.OpenAsync();
        (await AttributionSummary.RegisterSourcesAsync(duck, AttributionSummary.LakeTables(lake.Path + "/lake"), CancellationToken.None)).ShouldBeTrue();
        await using var count = duck.CreateCommand();
        count.CommandText = "SELECT count(DISTINCT checkout_id) FROM clickbatch.checkouts";
        var checkouts = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        checkouts.ShouldBeGreaterThan(0);
        stdout.ShouldContain("First-click attribution (DuckDB over the lake, the dbt models rendered by ");
        stdout.ShouldContain($"  checkouts           {checkouts}\n");
        stdout.ShouldContain("top 5 products by attributed revenue:\n    1. ");
    }
}
