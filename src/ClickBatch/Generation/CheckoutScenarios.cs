namespace ClickBatch.Generation;

/// <summary>Stable kebab-case names of <see cref="CheckoutScenario"/> values and their share of checkouts.</summary>
public static class CheckoutScenarios
{
    /// <summary>Every scenario a checkout can have (all but <see cref="CheckoutScenario.None"/>).</summary>
    public static IReadOnlyList<CheckoutScenario> ForCheckouts { get; } =
        Enum.GetValues<CheckoutScenario>().Where(s => s != CheckoutScenario.None).ToArray();

    public static string Name(CheckoutScenario scenario) => scenario switch
    {
        CheckoutScenario.None => "none",
        CheckoutScenario.ClickWithinHour => "click-within-hour",
        CheckoutScenario.SeveralClicksWithinHour => "several-clicks-within-hour",
        CheckoutScenario.NoClick => "no-click",
        CheckoutScenario.ClickOverAnHourBefore => "click-over-an-hour-before",
        CheckoutScenario.ClickAfterCheckout => "click-after-checkout",
        CheckoutScenario.ClickExactlyOneHourBefore => "click-exactly-one-hour-before",
        CheckoutScenario.TwoClicksSameMillisecond => "two-clicks-same-millisecond",
        CheckoutScenario.OtherUsersClick => "other-users-click",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown checkout scenario."),
    };

    /// <summary>
    /// Share of checkouts per scenario, in percent (sums to 100): most are attributable within the hour,
    /// the edge cases are rare but frequent enough that every run of a few hundred clicks has them.
    /// </summary>
    public static int WeightPercent(CheckoutScenario scenario) => scenario switch
    {
        CheckoutScenario.ClickWithinHour => 55,
        CheckoutScenario.SeveralClicksWithinHour => 15,
        CheckoutScenario.NoClick => 10,
        CheckoutScenario.ClickOverAnHourBefore => 7,
        CheckoutScenario.ClickAfterCheckout => 5,
        CheckoutScenario.ClickExactlyOneHourBefore => 3,
        CheckoutScenario.TwoClicksSameMillisecond => 3,
        CheckoutScenario.OtherUsersClick => 2,
        _ => 0,
    };
}
