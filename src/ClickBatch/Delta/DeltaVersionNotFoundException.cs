using ClickBatch.Errors;

namespace ClickBatch.Delta;

/// <summary>A version was asked for that the log cannot produce (beyond the latest, or cleaned up).</summary>
public sealed class DeltaVersionNotFoundException : ClickBatchException
{
    public DeltaVersionNotFoundException(Uri table, long version, string reason)
        : base("Expected version " + version + " of the Delta table at " + table + " to be readable, but " + reason
            + ". Ask for a version that exists.")
    {
        With("Table", table.ToString()).With("DeltaVersion", version);
    }

    public override int ExitCode => Errors.ExitCodes.Usage;
}
