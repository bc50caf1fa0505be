namespace ClickBatch.Delta.Actions;

/// <summary>Primary key of a logical file in action reconciliation: the path plus the DV unique id (or null).</summary>
public readonly record struct LogicalFileKey(string Path, string? DeletionVectorId);
