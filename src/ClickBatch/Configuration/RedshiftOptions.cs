namespace ClickBatch.Configuration;

/// <summary>
/// The optional Redshift Spectrum check after a run (<c>Catalog.Redshift</c>): through the Redshift Data API, ensure
/// the external schema over the Glue database, then count every partition the run touched in Spectrum and compare
/// with the Delta snapshot (docs/aws.md "Redshift Spectrum check"). Off when the section is absent.
/// </summary>
public sealed class RedshiftOptions
{
    /// <summary>Provisioned cluster to run the statements on (with <see cref="DbUser"/> or <see cref="SecretArn"/>). Exactly one of this and <see cref="WorkgroupName"/>.</summary>
    public string? ClusterIdentifier { get; set; }

    /// <summary>Redshift Serverless workgroup to run the statements on (IAM identity, or <see cref="SecretArn"/>).</summary>
    public string? WorkgroupName { get; set; }

    /// <summary>Database the statements run in (e.g. <c>dev</c>). Required.</summary>
    public string? Database { get; set; }

    /// <summary>Database user for temporary cluster credentials (redshift:GetClusterCredentials). Cluster only.</summary>
    public string? DbUser { get; set; }

    /// <summary>Secrets Manager secret with the database credentials, instead of <see cref="DbUser"/> or the IAM identity.</summary>
    public string? SecretArn { get; set; }

    /// <summary>ARN of the IAM role Spectrum assumes to read the Glue catalog and the lake (<c>CREATE EXTERNAL SCHEMA ... IAM_ROLE</c>). Required.</summary>
    public string? IamRole { get; set; }

    /// <summary>Redshift external schema over the Glue database. Default <c>clickbatch</c>.</summary>
    public string ExternalSchema { get; set; } = "clickbatch";

    /// <summary>How long one statement (the DDL, one count) may take before it is cancelled and the check fails. Default 5 minutes (<c>00:05:00</c>).</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
