namespace ClickBatch.Delta.Actions;

/// <summary>The <c>txn</c> action (set transaction): an application's progress marker; the latest per appId wins.</summary>
public sealed record TransactionAction
{
    public string AppId { get; init; } = string.Empty;

    public long Version { get; init; }

    public long? LastUpdated { get; init; }
}
