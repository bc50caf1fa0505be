using System.Text.RegularExpressions;
using ClickBatch.Catalog.Redshift;

namespace ClickBatch.Configuration;

/// <summary>Every problem with <c>Catalog.Redshift</c>, reported with the other options' problems (exit 2).</summary>
internal static partial class RedshiftOptionsValidator
{
    /// <summary>The Data API gives a statement at most 24 hours.</summary>
    private static readonly TimeSpan MaxStatementTimeout = TimeSpan.FromHours(24);

    public static void Validate(CatalogOptions catalog, List<string> problems)
    {
        if (catalog.Redshift is not { } redshift)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(catalog.GlueDatabase))
        {
            problems.Add("Catalog.Redshift: the Spectrum check reads the tables through the Glue catalog, but no Glue database is set; "
                + "pass --glue-database (Catalog.GlueDatabase), or remove Catalog.Redshift (or pass --skip-redshift-check).");
        }

        problems.AddRange(ToTarget(redshift).Validate().Select(p => "Catalog.Redshift: " + p));
        if (string.IsNullOrWhiteSpace(redshift.IamRole) || !RoleArnPattern().IsMatch(redshift.IamRole))
        {
            problems.Add($"Catalog.Redshift.IamRole (--redshift-iam-role) must be an IAM role ARN such as arn:aws:iam::123456789012:role/spectrum "
                + $"(the role Spectrum assumes to read Glue and the lake), found '{redshift.IamRole}'.");
        }

        if (!SchemaPattern().IsMatch(redshift.ExternalSchema))
        {
            problems.Add($"Catalog.Redshift.ExternalSchema (--redshift-schema) must be 1-127 lower-case letters, digits, '_' or '$', "
                + $"starting with a letter or '_', found '{redshift.ExternalSchema}'.");
        }

        if (redshift.StatementTimeout <= TimeSpan.Zero || redshift.StatementTimeout > MaxStatementTimeout)
        {
            problems.Add($"Catalog.Redshift.StatementTimeout must be more than 0 and at most 24:00:00, found {redshift.StatementTimeout}.");
        }
    }

    /// <summary>Where the statements run; validated by <see cref="RedshiftTarget.Validate"/>.</summary>
    public static RedshiftTarget ToTarget(RedshiftOptions redshift) => new()
    {
        Database = redshift.Database ?? string.Empty,
        ClusterIdentifier = Trimmed(redshift.ClusterIdentifier),
        WorkgroupName = Trimmed(redshift.WorkgroupName),
        DbUser = Trimmed(redshift.DbUser),
        SecretArn = Trimmed(redshift.SecretArn),
    };

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html: partition aws, aws-cn, aws-us-gov, ...
    [GeneratedRegex("^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")]
    private static partial Regex RoleArnPattern();

    // Unquoted Redshift names fold to lower case; the schema is sent quoted, so keep it to what folding leaves alone.
    [GeneratedRegex("^[a-z_][a-z0-9_$]{0,126}$")]
    private static partial Regex SchemaPattern();
}
