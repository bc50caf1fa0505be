namespace ClickBatch.Catalog.Redshift;

/// <summary>Response bodies of the Redshift Data operations RedshiftDataClient calls.</summary>
internal static class RedshiftResponses
{
    internal sealed record ExecuteStatement(string Id);

    internal sealed record GetStatementResult(IReadOnlyList<IReadOnlyList<RedshiftField>>? Records, long TotalNumRows);

    internal sealed record CancelStatement(bool Status);
}
