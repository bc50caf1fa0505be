namespace ClickBatch.Ledger;

/// <summary>
/// The Redshift Spectrum check of a run: every (table, partition) the run added files to, counted in Spectrum and
/// compared with the rows of that partition in the Delta snapshot. It runs after the commits: whatever it finds,
/// the data stays committed.
/// </summary>
public sealed record SpectrumCheckReport
{
    /// <summary>The Redshift external schema the counts ran in.</summary>
    public required string ExternalSchema { get; init; }

    /// <summary>Partitions the run touched, data and rejects tables together: what was to be checked.</summary>
    public int Partitions { get; init; }

    /// <summary>Partitions counted in Spectrum (fewer than <see cref="Partitions"/> when <see cref="Error"/> stopped the check).</summary>
    public int CheckedPartitions { get; init; }

    /// <summary>Partitions whose Spectrum count differs from the Delta snapshot.</summary>
    public IReadOnlyList<SpectrumPartitionMismatch> Mismatches { get; init; } = [];

    /// <summary>Why the check could not finish (statement failed or timed out, AWS error), or null.</summary>
    public string? Error { get; init; }

    /// <summary>True when every partition was counted and every count matched.</summary>
    public bool Passed => Error is null && Mismatches.Count == 0 && CheckedPartitions == Partitions;
}
