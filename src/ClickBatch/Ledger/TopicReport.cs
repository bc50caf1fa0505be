namespace ClickBatch.Ledger;

/// <summary>What a run did with one topic: its partitions, the Delta versions it committed, files and bytes written.</summary>
public sealed record TopicReport
{
    public required string Topic { get; init; }

    public required string Table { get; init; }

    public required string RejectsTable { get; init; }

    public IReadOnlyList<PartitionReport> Partitions { get; init; } = [];

    /// <summary>Versions this run committed to the table, in order.</summary>
    public IReadOnlyList<long> DeltaVersions { get; init; } = [];

    /// <summary>Versions this run committed to the rejects table, in order.</summary>
    public IReadOnlyList<long> RejectsDeltaVersions { get; init; } = [];

    public long Files { get; init; }

    public long Bytes { get; init; }

    /// <summary>Files a backfill removed from the two tables (null for other operations).</summary>
    public long? FilesRemoved { get; init; }

    /// <summary>Files a backfill rewrote without its range's rows (null for other operations).</summary>
    public long? FilesRewritten { get; init; }

    public long Records => Partitions.Sum(p => p.Records);

    public long Rows => Partitions.Sum(p => p.Rows);

    public long Rejects => Partitions.Sum(p => p.Rejects);
}
