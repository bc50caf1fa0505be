using ClickBatch.IntegrationTests.Support;
using DuckDB.NET.Data;

namespace ClickBatch.IntegrationTests.Dbt;

/// <summary>
/// The rendered dbt models on DuckDB over tiny hand-built source tables: each edge case of issue 7 with the
/// answer worked out by hand, then the independent C# attribution as a second opinion.
/// </summary>
public sealed class AttributionEdgeCaseTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task AttributedCheckouts_EdgeCases_EarliestClickOfTheUserOnTheProductInTheClosedHour()
    {
        await using var duck = await DbtWorkbench.OpenAsync();
        var sources = await EdgeCasesAsync(duck);

        await DbtWorkbench.FullRefreshAsync(duck);

        var actual = await DbtWorkbench.ReadAttributionAsync(duck, "attributed_checkouts");
        actual.ShouldMatch(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["c1-same-ms-tie"] = "k1-a",
            ["c2-exactly-one-hour"] = "k2-edge",
            ["c3-click-after"] = null,
            ["c4-other-user"] = null,
            ["c6-no-click"] = null,
            ["c7-duplicated"] = "k7",
            ["c8-same-ms-as-checkout"] = "k8",
        });
        actual.ShouldMatch(FirstClickAttribution.Compute(sources.Clicks, sources.Checkouts));
        (await DbtWorkbench.FailingTestsAsync(duck)).ShouldBeEmpty();
    }

    [Fact]
    public async Task FctCheckoutAttribution_EdgeCases_OneRowPerCheckoutWithTheAttributedClick()
    {
        await using var duck = await DbtWorkbench.OpenAsync();
        await EdgeCasesAsync(duck);

        await DbtWorkbench.FullRefreshAsync(duck);

        var fct = await DbtWorkbench.ReadAttributionAsync(duck, "SELECT checkout_id, attributed_click_id FROM fct_checkout_attribution");
        fct.ShouldMatch(await DbtWorkbench.ReadAttributionAsync(duck, "attributed_checkouts"));
        (await ScalarAsync(duck, "SELECT count(*) FROM fct_checkout_attribution WHERE is_attributed <> (attributed_click_id IS NOT NULL)")).ShouldBe(0);
        (await ScalarAsync(duck, "SELECT count(*) FROM fct_checkout_attribution WHERE is_attributed AND attributed_product IS NULL")).ShouldBe(0);
    }

    [Fact]
    public async Task DbtTests_WrongAttributions_ReportFailingRows()
    {
        await using var duck = await DbtWorkbench.OpenAsync();
        await EdgeCasesAsync(duck);
        await DbtWorkbench.FullRefreshAsync(duck);

        // A later click than the first, a click after the checkout, another user's click, and a duplicated checkout.
        await DbtWorkbench.ExecuteAsync(duck, """
            UPDATE attributed_checkouts SET attributed_click_id = 'k7-later', attributed_click_at = TIMESTAMPTZ '2026-11-22 11:40:00+00' WHERE checkout_id = 'c7-duplicated';
            UPDATE attributed_checkouts SET attributed_click_id = 'k3', attributed_click_at = TIMESTAMPTZ '2026-11-22 12:00:00.001+00' WHERE checkout_id = 'c3-click-after';
            UPDATE attributed_checkouts SET attributed_click_id = 'k5-other-user', attributed_click_at = TIMESTAMPTZ '2026-11-22 11:55:00+00' WHERE checkout_id = 'c4-other-user';
            INSERT INTO attributed_checkouts SELECT * FROM attributed_checkouts WHERE checkout_id = 'c6-no-click';
            """);

        var failing = await DbtWorkbench.FailingTestsAsync(duck);

        failing.ShouldContainKey("assert_no_earlier_eligible_click");
        failing.ShouldContainKey("assert_attributed_click_within_window");
        failing.ShouldContainKey("assert_attributed_click_same_user_and_product");
        failing.ShouldContainKey("unique_attributed_checkouts_checkout_id");
    }

    [Fact]
    public async Task IncrementalRun_NewDayAndLateClicks_ReplacesCheckoutsInTheLookbackAndKeepsOlderDays()
    {
        await using var duck = await DbtWorkbench.OpenAsync();
        var sources = await EdgeCasesAsync(duck);
        sources.Checkout("c0-five-days-ago", 10, "p10", T.AddDays(-5));
        await sources.WriteAsync(duck);
        await DbtWorkbench.FullRefreshAsync(duck);

        // The next day: a new checkout, and clicks that arrived late for c6 (yesterday, in the lookback) and for
        // c0 (five days ago, before the lookback: only a --full-refresh picks it up, as documented).
        sources.Click("k6-late", 6, "p6", T.AddMinutes(-1))
            .Click("k0-late", 10, "p10", T.AddDays(-5).AddMinutes(-1))
            .Click("k9", 9, "p9", T.AddDays(1).AddMinutes(-3))
            .Checkout("c9-next-day", 9, "p9", T.AddDays(1));
        await sources.WriteAsync(duck);
        await DbtWorkbench.IncrementalRunAsync(duck);

        var incremental = await DbtWorkbench.ReadAttributionAsync(duck, "attributed_checkouts");
        incremental["c6-no-click"].ShouldBe("k6-late");
        incremental["c9-next-day"].ShouldBe("k9");
        incremental["c0-five-days-ago"].ShouldBeNull();
        incremental.Count.ShouldBe(9);
        // The first-click test sees the one late click the lookback could not reach: the signal to --full-refresh.
        (await DbtWorkbench.FailingTestsAsync(duck, incremental: true)).ShouldBe(new Dictionary<string, long>(StringComparer.Ordinal) { ["assert_no_earlier_eligible_click"] = 1 });
        (await DbtWorkbench.ReadAttributionAsync(duck, "SELECT checkout_id, attributed_click_id FROM fct_checkout_attribution")).ShouldMatch(incremental);

        await DbtWorkbench.FullRefreshAsync(duck);
        var full = await DbtWorkbench.ReadAttributionAsync(duck, "attributed_checkouts");
        full.ShouldMatch(FirstClickAttribution.Compute(sources.Clicks, sources.Checkouts));
        full["c0-five-days-ago"].ShouldBe("k0-late");
        (await DbtWorkbench.FailingTestsAsync(duck)).ShouldBeEmpty();
    }

    [Fact]
    public async Task IncrementalRun_EmptyModel_FillsItInsteadOfStayingEmpty()
    {
        await using var duck = await DbtWorkbench.OpenAsync();
        var sources = await SourceTables.CreateAsync(duck);
        await DbtWorkbench.FullRefreshAsync(duck);
        sources.Click("k1", 1, "p1", T.AddMinutes(-5)).Checkout("c1", 1, "p1", T);
        await sources.WriteAsync(duck);

        await DbtWorkbench.IncrementalRunAsync(duck);

        (await DbtWorkbench.ReadAttributionAsync(duck, "attributed_checkouts")).ShouldMatch(new Dictionary<string, string?>(StringComparer.Ordinal) { ["c1"] = "k1" });
    }

    private static async Task<SourceTables> EdgeCasesAsync(DuckDBConnection duck)
    {
        var sources = await SourceTables.CreateAsync(duck);
        sources
            .Click("k1-b", 1, "p1", T.AddMinutes(-10)).Click("k1-a", 1, "p1", T.AddMinutes(-10)).Checkout("c1-same-ms-tie", 1, "p1", T)
            .Click("k2-early", 2, "p2", T.AddHours(-1) - Ms).Click("k2-edge", 2, "p2", T.AddHours(-1)).Checkout("c2-exactly-one-hour", 2, "p2", T)
            .Click("k3", 3, "p3", T + Ms).Checkout("c3-click-after", 3, "p3", T)
            .Click("k5-other-user", 5, "p4", T.AddMinutes(-5)).Click("k4-other-product", 4, "p44", T.AddMinutes(-5)).Checkout("c4-other-user", 4, "p4", T)
            .Checkout("c6-no-click", 6, "p6", T)
            .Click("k7", 7, "p7", T.AddMinutes(-30)).Click("k7-later", 7, "p7", T.AddMinutes(-20)).Click("k7", 7, "p7", T.AddMinutes(-30))
            .Checkout("c7-duplicated", 7, "p7", T).Checkout("c7-duplicated", 7, "p7", T)
            .Click("k8", 8, "p8", T).Checkout("c8-same-ms-as-checkout", 8, "p8", T);
        await sources.WriteAsync(duck);
        return sources;
    }

    private static async Task<long> ScalarAsync(DuckDBConnection duck, string sql)
    {
        await using var command = duck.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
