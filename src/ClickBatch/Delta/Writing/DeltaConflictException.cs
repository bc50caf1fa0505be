using ClickBatch.Errors;

namespace ClickBatch.Delta.Writing;

/// <summary>
/// A concurrent commit makes ours unsafe: another writer advanced one of our txn appIds (it took our Kafka
/// partitions), changed metadata or protocol, or removed files we remove. Nothing of this commit was written.
/// </summary>
public sealed class DeltaConflictException : ClickBatchException
{
    public DeltaConflictException(Uri table, long winningVersion, string reason)
        : base("Expected to commit to " + table + " after version " + (winningVersion - 1) + ", but commit " + winningVersion
            + " by another writer " + reason + ". This run committed nothing; check that only one ClickBatch job writes the table, then rerun.")
    {
        With("Table", table.ToString()).With("DeltaVersion", winningVersion);
    }

    public override int ExitCode => ExitCodes.Conflict;
}
