namespace ClickBatch.Delta.Inspection;

/// <summary>An active file of the log that the store does not hold: its add.path, add.size and stats rows.</summary>
public sealed record MissingDataFile(string Path, long Size, long? Rows);
