namespace ClickBatch.Ledger;

/// <summary>
/// A partition Spectrum counts differently from the Delta snapshot. <see cref="Table"/> is the Glue table name;
/// <see cref="Partition"/> maps partition column to value (null for the null partition); <see cref="Expected"/> is
/// the sum of the active files' numRecords there; <see cref="Actual"/> Spectrum's <c>COUNT(*)</c>.
/// </summary>
public sealed record SpectrumPartitionMismatch(string Table, IReadOnlyDictionary<string, string?> Partition, long Expected, long Actual);
