namespace ClickBatch.Catalog.Redshift;

/// <summary>DescribeStatement's answer (the fields ClickBatch reads).</summary>
public sealed record RedshiftStatement
{
    public required string Id { get; init; }

    public string? Status { get; init; }

    /// <summary>Redshift's error text when the statement FAILED.</summary>
    public string? Error { get; init; }

    public bool HasResultSet { get; init; }

    public long ResultRows { get; init; }
}
