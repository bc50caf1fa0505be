namespace ClickBatch.Parquet;

/// <summary>The lowest and highest Kafka offset of one topic partition held by a data file, and how many records.</summary>
public sealed record KafkaOffsetRange(string Topic, int Partition, long MinOffset, long MaxOffset, long Records);
