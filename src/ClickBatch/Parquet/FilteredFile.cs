namespace ClickBatch.Parquet;

/// <summary>
/// What <see cref="FilteredFileRewriter"/> made of one data file. <see cref="RowsDropped"/> 0 means the file holds
/// none of the rows to drop and was not rewritten (<see cref="Output"/> null, keep the file). Otherwise
/// <see cref="Output"/> is the rewritten file, or null when every row was dropped (remove the file, add nothing);
/// <see cref="KafkaOffsets"/> are the offsets of the rows it kept, per Kafka partition.
/// </summary>
public sealed record FilteredFile(CompactedFile? Output, long RowsKept, long RowsDropped, IReadOnlyList<KafkaOffsetRange> KafkaOffsets)
{
    public bool Untouched => RowsDropped == 0;
}
