using ClickBatch.Catalog.Redshift;

namespace ClickBatch.Configuration;

/// <summary>The frozen <c>Catalog.Redshift</c> settings of the Spectrum check (validated by OptionsValidator).</summary>
public sealed record RedshiftCheckSettings
{
    /// <summary>Cluster or workgroup, database and credentials the statements run with.</summary>
    public required RedshiftTarget Target { get; init; }

    /// <summary>The role in <c>CREATE EXTERNAL SCHEMA ... IAM_ROLE</c>.</summary>
    public required string IamRoleArn { get; init; }

    /// <summary>The external schema over the Glue database.</summary>
    public string ExternalSchema { get; init; } = "clickbatch";

    /// <summary>Longest wait for one statement before it is cancelled.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
