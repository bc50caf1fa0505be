namespace ClickBatch.Delta.Log;

/// <summary>What a snapshot at <see cref="Version"/> is replayed from: one complete checkpoint (or none), then commits.</summary>
public sealed record LogSegment(long Version, long? CheckpointVersion, IReadOnlyList<LogFile> CheckpointFiles, IReadOnlyList<LogFile> Commits);
