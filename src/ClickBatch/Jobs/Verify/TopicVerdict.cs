namespace ClickBatch.Jobs.Verify;

/// <summary>One topic compared with its two tables, and how many active files the check read.</summary>
public sealed record TopicVerdict
{
    public required string Topic { get; init; }

    public required int ActiveFiles { get; init; }

    public IReadOnlyList<PartitionVerdict> Partitions { get; init; } = [];

    public long KafkaRecords => Partitions.Sum(p => p.KafkaRecords);

    public long LakeRecords => Partitions.Sum(p => p.LakeRecords);

    public long Duplicates => Partitions.Sum(p => p.Duplicates);

    public long Missing => Partitions.Sum(p => p.Missing);

    public long OutsideKafka => Partitions.Sum(p => p.OutsideKafka);

    public bool IsExact => Partitions.All(p => p.IsExact);
}
