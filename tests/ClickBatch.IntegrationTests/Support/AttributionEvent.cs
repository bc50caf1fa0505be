namespace ClickBatch.IntegrationTests.Support;

/// <summary>A click or checkout as attribution sees it: its id, user, product and event time; for reports, the
/// checkout's total_amount and the click's product name.</summary>
public sealed record AttributionEvent(string Id, long UserId, string ProductId, DateTimeOffset At, decimal Amount = 0, string? Product = null);
