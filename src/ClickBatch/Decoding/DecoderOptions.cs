namespace ClickBatch.Decoding;

/// <summary>
/// Per-run settings of a <see cref="RecordDecoder"/>: the run id and ingestion time stamped on every row (the run
/// start from the injected TimeProvider, the same for the whole run), and the partitioning (default by event date).
/// </summary>
public sealed record DecoderOptions(string RunId, DateTimeOffset IngestedAt, PartitionMode Partitioning = PartitionMode.EventDate);
