namespace ClickBatch.Ledger;

/// <summary>A range of Kafka offsets, [From, To), that was never read because retention deleted it.</summary>
public sealed record OffsetGap(long From, long To)
{
    public long Count => To - From;
}
