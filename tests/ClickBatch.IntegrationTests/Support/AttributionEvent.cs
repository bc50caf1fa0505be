namespace ClickBatch.IntegrationTests.Support;

/// <summary>A click or checkout as attribution sees it: its id, user, product and event time.</summary>
public sealed record AttributionEvent(string Id, long UserId, string ProductId, DateTimeOffset At);
