namespace ClickBatch.Catalog.Redshift;

/// <summary>How many rows one partition of a table should show in Spectrum (the Delta table's row count there).</summary>
public sealed record SpectrumExpectation(string Table, IReadOnlyDictionary<string, string?> Partition, long ExpectedRows);
