using ClickBatch.Delta.Actions;

namespace ClickBatch.Delta.Snapshots;

/// <summary>The commitInfo of one replayed commit (checkpoints do not keep commitInfo, so history starts after the checkpoint).</summary>
public sealed record CommitRecord(long Version, CommitInfoAction CommitInfo);
