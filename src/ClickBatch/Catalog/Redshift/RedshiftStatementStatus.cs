namespace ClickBatch.Catalog.Redshift;

/// <summary>Statement states of the Redshift Data API (DescribeStatement "Status").</summary>
public static class RedshiftStatementStatus
{
    public const string Submitted = "SUBMITTED";
    public const string Picked = "PICKED";
    public const string Started = "STARTED";
    public const string Finished = "FINISHED";
    public const string Failed = "FAILED";
    public const string Aborted = "ABORTED";

    public static bool IsFinal(string? status) => status is Finished or Failed or Aborted;
}
