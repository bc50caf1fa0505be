using ClickBatch.Configuration;
using ClickBatch.Landing;

namespace ClickBatch.Jobs.Backfill;

/// <summary>What <c>clickbatch backfill</c> replaces, validated by the verb; the lake, tables and decoding come from the run's settings.</summary>
public sealed record BackfillOptions
{
    /// <summary>The run's settings (same config file, environment and flags as <c>clickbatch run</c>).</summary>
    public required RunSettings Settings { get; init; }

    /// <summary>The topic to backfill: its schema, partitioning and tables, exactly as <c>run</c> lands it.</summary>
    public required TopicSettings Topic { get; init; }

    /// <summary>Kafka partitions to backfill; null for every partition of the topic.</summary>
    public IReadOnlyList<int>? Partitions { get; init; }

    /// <summary>First offset of the range (inclusive), or a timestamp resolved per partition.</summary>
    public required OffsetBound From { get; init; }

    /// <summary>End of the range (exclusive, like a Kafka end offset), or a timestamp resolved per partition.</summary>
    public required OffsetBound To { get; init; }

    /// <summary>Print what would be read, removed and rewritten; write nothing. Default false.</summary>
    public bool DryRun { get; init; }
}
