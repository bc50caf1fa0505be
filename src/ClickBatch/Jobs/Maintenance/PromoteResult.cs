namespace ClickBatch.Jobs.Maintenance;

/// <summary>
/// What promote did to one table: the Delta version it committed (null when nothing: dry run, nothing to move, or no
/// table), the files it rewrote (or would), the values moved per column, and the values left in <c>_unknown_fields</c>
/// because the column's type could not take them. <see cref="Note"/> says why nothing.
/// </summary>
public sealed record PromoteResult(
    string Table, long? DeltaVersion, int FilesRewritten, IReadOnlyDictionary<string, long> Moved, long Refused, string? Note);
