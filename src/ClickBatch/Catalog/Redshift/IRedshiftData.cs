namespace ClickBatch.Catalog.Redshift;

/// <summary>
/// The Redshift Data API operations ClickBatch needs (external schema DDL, Spectrum count checks). Implemented by
/// <see cref="RedshiftDataClient"/>; AWSSDK.RedshiftDataAPIService could implement it later.
/// </summary>
public interface IRedshiftData
{
    /// <summary>Submits <paramref name="sql"/> and returns the statement id; it runs asynchronously.</summary>
    Task<string> ExecuteStatementAsync(RedshiftTarget target, string sql, CancellationToken cancellationToken);

    /// <summary>
    /// Polls until the statement is FINISHED and returns its description; throws <see cref="RedshiftStatementException"/>
    /// when it FAILED or was ABORTED, or when <paramref name="timeout"/> passes first (the statement is then cancelled).
    /// </summary>
    Task<RedshiftStatement> WaitForCompletionAsync(string statementId, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The single value of a one-row, one-column result (e.g. a count); null for SQL NULL.</summary>
    Task<long?> GetSingleLongAsync(string statementId, CancellationToken cancellationToken);
}
