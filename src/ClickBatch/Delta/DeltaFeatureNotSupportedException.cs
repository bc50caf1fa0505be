using ClickBatch.Errors;

namespace ClickBatch.Delta;

/// <summary>The table uses protocol features ClickBatch cannot honour when writing; nothing was written.</summary>
public sealed class DeltaFeatureNotSupportedException : ClickBatchException
{
    public DeltaFeatureNotSupportedException(Uri table, IReadOnlyList<string> features)
        : base("Expected a Delta table ClickBatch can write safely, but " + table + " uses " + string.Join(", ", features)
            + ". ClickBatch does not implement " + (features.Count == 1 ? "this feature" : "these features")
            + "; write to a table without them (or let an engine that supports them write this table).")
    {
        Features = features;
        With("Table", table.ToString()).With("Features", string.Join(",", features));
    }

    public IReadOnlyList<string> Features { get; }
}
