namespace ClickBatch.Jobs.Status;

/// <summary>One topic: where its tables live, whether they exist yet, and each partition's offsets.</summary>
public sealed record TopicStatus
{
    public required string Topic { get; init; }

    public required string Table { get; init; }

    public required string RejectsTable { get; init; }

    /// <summary>False until the first run created the table (status then shows Kafka's side only).</summary>
    public required bool TableLanded { get; init; }

    public required bool RejectsTableLanded { get; init; }

    public IReadOnlyList<PartitionStatus> Partitions { get; init; } = [];

    public long Lag => Partitions.Sum(p => p.Lag);
}
