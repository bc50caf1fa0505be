using ClickBatch.Generation;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Demo;

namespace ClickBatch.IntegrationTests.Dbt;

/// <summary>
/// Issue 7 end to end: generated events through Kafka, the run job into Delta tables, DuckDB reading them through
/// the symlink manifests (as Spectrum does), the rendered dbt project on top, checked against the C# attribution
/// of what the generator produced.
/// </summary>
public sealed class AttributedCheckoutsLakeTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task DbtProject_RunLandedGeneratedEvents_AttributesEveryCheckoutLikeTheIndependentComputation()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 3000, seed: 11);
        (await harness.RunAsync(harness.Settings())).ExitCode.ShouldBe(0);
        var plan = harness.Plan(clicks: 3000, seed: 11);
        CheckoutScenarios.ForCheckouts.ShouldBeSubsetOf(plan.Records.Where(r => r.Topic == EventTopic.Checkouts).Select(r => r.Scenario));
        var (clicks, checkouts) = FirstClickAttribution.Decode(plan);
        var expected = FirstClickAttribution.Compute(clicks, checkouts);
        expected.Values.Count(v => v is null).ShouldBeGreaterThan(0);
        expected.Values.Count(v => v is not null).ShouldBeGreaterThan(expected.Count / 3);
        checkouts.Count.ShouldBeGreaterThan(expected.Count, "the generated checkouts should include duplicates");
        await using var duck = await DbtWorkbench.OpenAsync();
        (await AttributionSummary.RegisterSourcesAsync(duck, harness.SourceTables, CancellationToken.None)).ShouldBeTrue();

        await DbtWorkbench.FullRefreshAsync(duck);

        (await DbtWorkbench.FailingTestsAsync(duck)).ShouldBeEmpty();
        (await DbtWorkbench.ReadAttributionAsync(duck, "attributed_checkouts")).ShouldMatch(expected);
        (await DbtWorkbench.ReadAttributionAsync(duck, "SELECT checkout_id, attributed_click_id FROM fct_checkout_attribution")).ShouldMatch(expected);
    }

    [Fact]
    public async Task DbtProject_SecondRunThenIncrementalModels_MatchTheIndependentComputationOverBothBatches()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 1500, seed: 21);
        (await harness.RunAsync(harness.Settings())).ExitCode.ShouldBe(0);
        await using var duck = await DbtWorkbench.OpenAsync();
        await AttributionSummary.RegisterSourcesAsync(duck, harness.SourceTables, CancellationToken.None);
        await DbtWorkbench.FullRefreshAsync(duck);
        await harness.ProduceAsync(clicks: 1500, seed: 22);
        (await harness.RunAsync(harness.Settings())).ExitCode.ShouldBe(0);
        var expected = Expected(harness.Plan(clicks: 1500, seed: 21), harness.Plan(clicks: 1500, seed: 22));

        // The manifests list the second run's files only once the views are made again.
        await AttributionSummary.RegisterSourcesAsync(duck, harness.SourceTables, CancellationToken.None);
        await DbtWorkbench.IncrementalRunAsync(duck);

        (await DbtWorkbench.FailingTestsAsync(duck, incremental: true)).ShouldBeEmpty();
        (await DbtWorkbench.ReadAttributionAsync(duck, "attributed_checkouts")).ShouldMatch(expected);
        (await DbtWorkbench.ReadAttributionAsync(duck, "SELECT checkout_id, attributed_click_id FROM fct_checkout_attribution")).ShouldMatch(expected);
    }

    [Fact]
    public async Task DemoAttributionSql_SameLake_AgreesWithTheRenderedDbtModelAndTheSummaryCountsIt()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 2000, seed: 31);
        (await harness.RunAsync(harness.Settings())).ExitCode.ShouldBe(0);
        var (clicks, checkouts) = FirstClickAttribution.Decode(harness.Plan(clicks: 2000, seed: 31));
        var expected = FirstClickAttribution.Compute(clicks, checkouts);
        await using var duck = await DbtWorkbench.OpenAsync();
        await AttributionSummary.RegisterSourcesAsync(duck, harness.SourceTables, CancellationToken.None);
        await DbtWorkbench.FullRefreshAsync(duck);

        var embedded = await DbtWorkbench.ReadAttributionAsync(duck, AttributionSql.AttributedCheckouts);
        var withDbt = await AttributionSummary.DescribeAsync(harness.SourceTables, DbtWorkbench.Script, CancellationToken.None);
        var withoutDbt = await AttributionSummary.DescribeAsync(harness.SourceTables, renderer: null, CancellationToken.None);

        embedded.ShouldMatch(await DbtWorkbench.ReadAttributionAsync(duck, "attributed_checkouts"));
        embedded.ShouldMatch(expected);
        var lines = ExpectedAttributionSummary.Lines(clicks, checkouts, expected);
        lines.ShouldContain(l => l.StartsWith("    5. ", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            withDbt.ShouldContain(line);
            withoutDbt.ShouldContain(line);
        }

        withDbt.ShouldContain("dbt models rendered by");
        withoutDbt.ShouldContain("embedded SQL");
    }

    private static Dictionary<string, string?> Expected(params GenerationPlan[] plans)
    {
        var decoded = plans.Select(FirstClickAttribution.Decode).ToList();
        return FirstClickAttribution.Compute(decoded.SelectMany(d => d.Clicks), decoded.SelectMany(d => d.Checkouts));
    }
}
