using ClickBatch.Errors;

namespace ClickBatch.Delta;

/// <summary>The URI holds no Delta table: <c>_delta_log/</c> has no commit and no checkpoint.</summary>
public sealed class DeltaTableNotFoundException : ClickBatchException
{
    public DeltaTableNotFoundException(Uri table)
        : base("Expected a Delta table at " + table + ", but _delta_log/ holds no commit or checkpoint. Check the table URI.")
    {
        With("Table", table.ToString());
    }
}
