namespace ClickBatch.Generation;

/// <summary>
/// How a checkout relates to clicks of the same user and product; the attribution rule (seed 001: the earliest
/// click by the user on the product in the hour before the checkout) gives a different answer for several of
/// them. Clicks of a scenario carry its value; clicks that belong to no checkout carry <see cref="None"/>.
/// </summary>
public enum CheckoutScenario : byte
{
    /// <summary>A click that belongs to no checkout (browsing): <c>none</c>.</summary>
    None = 0,

    /// <summary>One click 1 to 59 minutes before the checkout: <c>click-within-hour</c>.</summary>
    ClickWithinHour = 1,

    /// <summary>Two to four clicks within the hour before; the earliest is attributed: <c>several-clicks-within-hour</c>.</summary>
    SeveralClicksWithinHour = 2,

    /// <summary>No click at all by this user on this product: <c>no-click</c>.</summary>
    NoClick = 3,

    /// <summary>The only click is 61 minutes to 3 hours before: not attributable: <c>click-over-an-hour-before</c>.</summary>
    ClickOverAnHourBefore = 4,

    /// <summary>The only click comes 1 to 30 minutes after the checkout: not attributable: <c>click-after-checkout</c>.</summary>
    ClickAfterCheckout = 5,

    /// <summary>The only click is exactly 3,600,000 ms before the checkout (the boundary): <c>click-exactly-one-hour-before</c>.</summary>
    ClickExactlyOneHourBefore = 6,

    /// <summary>Two clicks with the same millisecond within the hour before: <c>two-clicks-same-millisecond</c>.</summary>
    TwoClicksSameMillisecond = 7,

    /// <summary>Only another user clicked this product within the hour before: not attributable: <c>other-users-click</c>.</summary>
    OtherUsersClick = 8,
}
