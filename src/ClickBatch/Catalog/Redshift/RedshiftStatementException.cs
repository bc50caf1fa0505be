using ClickBatch.Errors;

namespace ClickBatch.Catalog.Redshift;

/// <summary>A Redshift Data API statement that failed, was aborted, timed out or returned an unexpected result.</summary>
public sealed class RedshiftStatementException : ClickBatchException
{
    public RedshiftStatementException(string statementId, string? status, string message)
        : base(message)
    {
        StatementId = statementId;
        Status = status;
        With(nameof(StatementId), statementId).With(nameof(Status), status);
    }

    public string StatementId { get; }

    /// <summary>The last status seen (FAILED, ABORTED, or the non-final status at a timeout).</summary>
    public string? Status { get; }
}
