using ClickBatch.Decoding;
using ClickBatch.Parquet;

namespace ClickBatch.Landing;

/// <summary>
/// What a <see cref="TopicFileSink"/> wrote: the data and rejects files to add to the two Delta tables, and the
/// accounting (RecordsIn = Rows + Rejects + AlreadyLanded, always).
/// </summary>
public sealed record TopicFileSinkResult(
    IReadOnlyList<ClosedDataFile> DataFiles,
    IReadOnlyList<ClosedDataFile> RejectFiles,
    long RecordsIn,
    long Rows,
    long Rejects,
    IReadOnlyDictionary<RejectKind, long> RejectsByKind)
{
    /// <summary>Records skipped because their table already held them (a rerun after a crash between two commits).</summary>
    public long AlreadyLanded { get; init; }
}
