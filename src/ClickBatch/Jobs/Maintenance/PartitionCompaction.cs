namespace ClickBatch.Jobs.Maintenance;

/// <summary>One partition's compaction: how many files and bytes went in and came out (planned, or done).</summary>
public sealed record PartitionCompaction(string Partition, int FilesRemoved, long BytesRemoved, int FilesAdded, long BytesAdded, long Rows);
