namespace ClickBatch.Parquet;

/// <summary>A data file written by <see cref="FileCompactor"/>: local path, size, rows and the add action's stats JSON.</summary>
public sealed record CompactedFile(string LocalPath, long SizeBytes, long NumRecords, string StatsJson);
