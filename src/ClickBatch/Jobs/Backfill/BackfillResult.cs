namespace ClickBatch.Jobs.Backfill;

/// <summary>A backfill of one topic: the partitions read and what happened to the table and its rejects table.</summary>
public sealed record BackfillResult(string Topic, IReadOnlyList<BackfillPartition> Partitions, TableBackfill Data, TableBackfill Rejects, bool DryRun);
