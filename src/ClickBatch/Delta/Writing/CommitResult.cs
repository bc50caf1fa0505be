namespace ClickBatch.Delta.Writing;

/// <summary>The version a transaction committed as, how many attempts it took, and the checkpoint written after it (if any).</summary>
public sealed record CommitResult(long Version, int Attempts, long? CheckpointVersion);
