namespace ClickBatch.Kafka;

/// <summary>
/// Offsets <c>[MissingFrom, MissingTo)</c> of a partition that were deleted (retention) before the job read them.
/// </summary>
public sealed record DataLossGap(string Topic, int Partition, long MissingFrom, long MissingTo)
{
    public long OffsetCount => MissingTo - MissingFrom;

    /// <summary>Human form with inclusive offsets, e.g. <c>topic 'clicks' partition 3: offsets 100-199 (100 offsets)</c>.</summary>
    public override string ToString() =>
        $"topic '{Topic}' partition {Partition}: offsets {MissingFrom}-{MissingTo - 1} ({OffsetCount} offsets)";
}
