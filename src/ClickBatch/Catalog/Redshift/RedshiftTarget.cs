namespace ClickBatch.Catalog.Redshift;

/// <summary>
/// Where Redshift Data API statements run: a provisioned cluster (ClusterIdentifier with DbUser for temporary
/// credentials, or SecretArn) or a serverless workgroup (WorkgroupName, optionally SecretArn), and a database.
/// </summary>
public sealed record RedshiftTarget
{
    public required string Database { get; init; }

    public string? ClusterIdentifier { get; init; }

    public string? DbUser { get; init; }

    public string? SecretArn { get; init; }

    public string? WorkgroupName { get; init; }

    /// <summary>Every problem with this target, empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Database))
        {
            problems.Add("Redshift database is empty; set the database the statements run in (e.g. dev).");
        }

        var hasCluster = !string.IsNullOrWhiteSpace(ClusterIdentifier);
        var hasWorkgroup = !string.IsNullOrWhiteSpace(WorkgroupName);
        if (hasCluster == hasWorkgroup)
        {
            problems.Add("Redshift target needs exactly one of a cluster identifier (provisioned) or a workgroup name (serverless); found "
                         + (hasCluster ? "both" : "neither") + ".");
        }

        if (hasCluster && string.IsNullOrWhiteSpace(DbUser) && string.IsNullOrWhiteSpace(SecretArn))
        {
            problems.Add("Redshift cluster '" + ClusterIdentifier + "' needs a database user (temporary credentials) or a Secrets Manager secret ARN.");
        }

        if (hasWorkgroup && !string.IsNullOrWhiteSpace(DbUser))
        {
            problems.Add("Redshift serverless workgroup '" + WorkgroupName + "' does not take a database user; use the IAM identity or a secret ARN.");
        }

        return problems;
    }
}
