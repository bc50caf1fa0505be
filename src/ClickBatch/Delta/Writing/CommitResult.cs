namespace ClickBatch.Delta.Writing;

/// <summary>
/// The version a transaction committed as, how many attempts it took, the checkpoint written after it (if any), and
/// whether the Spectrum manifests could not be regenerated (the commit stands; run a manifest rebuild).
/// </summary>
public sealed record CommitResult(long Version, int Attempts, long? CheckpointVersion, bool ManifestsStale = false);
