using ClickBatch.Errors;

namespace ClickBatch.Catalog.Glue;

/// <summary>A Glue batch partition call rejected some partitions (other than ones that already were in the wanted state).</summary>
public sealed class GluePartitionBatchException : ClickBatchException
{
    private const int ListedErrors = 10;

    public GluePartitionBatchException(string operation, string database, string table, IReadOnlyList<GluePartitionError> errors)
        : base(FormatMessage(operation, database, table, errors))
    {
        Errors = errors;
        With("Operation", operation).With("Database", database).With("Table", table).With("FailedPartitions", errors.Count);
    }

    public IReadOnlyList<GluePartitionError> Errors { get; }

    public override bool IsTransient => Errors.All(e => e.Code is "ThrottlingException" or "InternalServiceException" or "ConcurrentModificationException");

    private static string FormatMessage(string operation, string database, string table, IReadOnlyList<GluePartitionError> errors) =>
        "Glue " + operation + " on " + database + "." + table + " failed for " + errors.Count + " partition(s): "
        + string.Join("; ", errors.Take(ListedErrors)) + (errors.Count > ListedErrors ? "; ..." : string.Empty)
        + ". The Delta table is unaffected; rerun `clickbatch register` to repair the catalog.";
}
