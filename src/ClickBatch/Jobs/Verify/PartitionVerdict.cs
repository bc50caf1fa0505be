namespace ClickBatch.Jobs.Verify;

/// <summary>
/// One Kafka partition compared with the lake: Kafka holds offsets [Earliest, Latest); the lake's table and
/// rejects table together must hold each of them exactly once and nothing else.
/// </summary>
public sealed record PartitionVerdict
{
    public required int Partition { get; init; }

    public required long EarliestOffset { get; init; }

    public required long LatestOffset { get; init; }

    /// <summary>Rows in table + rejects with this partition, duplicates counted.</summary>
    public required long LakeRecords { get; init; }

    /// <summary>Distinct offsets in table + rejects.</summary>
    public required long DistinctOffsets { get; init; }

    /// <summary>Distinct offsets outside [Earliest, Latest).</summary>
    public required long OutsideKafka { get; init; }

    public long KafkaRecords => LatestOffset - EarliestOffset;

    public long Duplicates => LakeRecords - DistinctOffsets;

    /// <summary>Offsets Kafka holds that the lake does not.</summary>
    public long Missing => KafkaRecords - (DistinctOffsets - OutsideKafka);

    public bool IsExact => Duplicates == 0 && Missing == 0 && OutsideKafka == 0;
}
