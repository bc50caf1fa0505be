namespace ClickBatch.Landing;

/// <summary>What one chunk commit wrote: the versions of the table and its rejects table (null: nothing to commit).</summary>
internal sealed record ChunkCommit(long? DataVersion, long? RejectsVersion, long Rows, long Rejects);
