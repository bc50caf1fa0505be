using ClickBatch.Errors;

namespace ClickBatch.Delta.Writing;

/// <summary>Another writer took the version we tried, without a logical conflict: rebase and try again (transient).</summary>
public sealed class DeltaCommitRaceException : ClickBatchException
{
    public DeltaCommitRaceException(Uri table, long version, int attempts)
        : base("Expected to commit version " + version + " of " + table + ", but other writers kept taking the next version ("
            + attempts + " attempts). Rerun when fewer writers append at once.")
    {
        With("Table", table.ToString()).With("DeltaVersion", version);
    }

    public override bool IsTransient => true;
}
