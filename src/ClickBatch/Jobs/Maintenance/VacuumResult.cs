namespace ClickBatch.Jobs.Maintenance;

/// <summary>
/// What vacuum deleted (or, in a dry run, would delete) in one table: data file keys relative to the table root, their
/// bytes, and the expired log files removed. <see cref="Note"/> says why nothing was looked at (no table).
/// </summary>
public sealed record VacuumResult(string Table, IReadOnlyList<string> Deleted, long Bytes, int LogFilesDeleted, string? Note);
