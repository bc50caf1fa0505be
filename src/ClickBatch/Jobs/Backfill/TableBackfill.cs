namespace ClickBatch.Jobs.Backfill;

/// <summary>
/// What a backfill did (or, in a dry run, would do) to one table. <see cref="DeltaVersion"/> is null when nothing was
/// committed. In a dry run <see cref="RowsRemoved"/> counts only whole files, and <see cref="FilesRewritten"/> /
/// <see cref="RowsInRewritten"/> are the files to inspect and the rows they hold (some of which stay).
/// </summary>
public sealed record TableBackfill(string Table)
{
    public long? DeltaVersion { get; init; }

    public int FilesRemoved { get; init; }

    public long RowsRemoved { get; init; }

    public int FilesRewritten { get; init; }

    public long RowsInRewritten { get; init; }

    public int FilesAdded { get; init; }

    public long RowsAdded { get; init; }

    public long BytesAdded { get; init; }
}
