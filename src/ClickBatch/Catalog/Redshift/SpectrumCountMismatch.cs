namespace ClickBatch.Catalog.Redshift;

/// <summary>A partition whose row count in Redshift Spectrum differs from what the Delta commit wrote.</summary>
public sealed record SpectrumCountMismatch(string Table, IReadOnlyDictionary<string, string?> Partition, long Expected, long Actual);
