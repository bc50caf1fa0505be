using System.Globalization;

namespace ClickBatch.Catalog.Redshift;

/// <summary>
/// Redshift Spectrum over the Glue catalog: ensures the external schema
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_SCHEMA.html) and checks that Spectrum sees the
/// rows written for each touched partition. Values go in as Data API parameters, names as quoted identifiers.
/// </summary>
public sealed class SpectrumChecker(IRedshiftData redshift, RedshiftTarget target, TimeSpan statementTimeout)
{
    public async Task EnsureExternalSchemaAsync(string schema, string glueDatabase, string iamRoleArn, CancellationToken cancellationToken)
    {
        // DDL takes no parameters: the database name and role ARN are literals, escaped.
        var sql = "CREATE EXTERNAL SCHEMA IF NOT EXISTS " + QuoteIdentifier(schema)
                  + " FROM DATA CATALOG DATABASE " + QuoteLiteral(glueDatabase) + " IAM_ROLE " + QuoteLiteral(iamRoleArn);
        var id = await redshift.ExecuteStatementAsync(target, sql, cancellationToken);
        await redshift.WaitForCompletionAsync(id, statementTimeout, cancellationToken);
    }

    /// <summary>
    /// Whether the external schema reads <paramref name="glueDatabase"/> (SVV_EXTERNAL_SCHEMAS). CREATE EXTERNAL SCHEMA
    /// IF NOT EXISTS leaves a schema that already exists over another database as it is, and counts would read that one.
    /// </summary>
    public async Task<bool> ReadsGlueDatabaseAsync(string schema, string glueDatabase, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT COUNT(*) FROM svv_external_schemas WHERE schemaname = :schema AND databasename = :database";
        var id = await redshift.ExecuteStatementAsync(target, Sql, [new RedshiftParameter("schema", schema), new RedshiftParameter("database", glueDatabase)], cancellationToken);
        await redshift.WaitForCompletionAsync(id, statementTimeout, cancellationToken);
        return await redshift.GetSingleLongAsync(id, cancellationToken) == 1;
    }

    /// <summary>Counts each expectation's partition in Spectrum; returns the partitions whose counts differ.</summary>
    public async Task<IReadOnlyList<SpectrumCountMismatch>> CheckAsync(
        string schema, IReadOnlyList<SpectrumExpectation> expectations, CancellationToken cancellationToken)
    {
        var mismatches = new List<SpectrumCountMismatch>();
        foreach (var expectation in expectations)
        {
            var actual = await CountAsync(schema, expectation.Table, expectation.Partition, cancellationToken);
            if (actual != expectation.ExpectedRows)
            {
                mismatches.Add(new SpectrumCountMismatch(expectation.Table, expectation.Partition, expectation.ExpectedRows, actual));
            }
        }

        return mismatches;
    }

    public async Task<long> CountAsync(string schema, string table, IReadOnlyDictionary<string, string?> partition, CancellationToken cancellationToken)
    {
        var (where, parameters) = Predicate(partition);
        var sql = "SELECT COUNT(*) FROM " + QuoteIdentifier(schema) + "." + QuoteIdentifier(table) + where;
        var id = await redshift.ExecuteStatementAsync(target, sql, parameters, cancellationToken);
        await redshift.WaitForCompletionAsync(id, statementTimeout, cancellationToken);
        return await redshift.GetSingleLongAsync(id, cancellationToken) ?? 0;
    }

    /// <summary>"name" with embedded double quotes doubled.</summary>
    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>'text' with embedded single quotes doubled and backslashes escaped (Redshift treats \ as an escape).</summary>
    public static string QuoteLiteral(string text) =>
        "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    private static (string Where, List<RedshiftParameter> Parameters) Predicate(IReadOnlyDictionary<string, string?> partition)
    {
        var conditions = new List<string>();
        var parameters = new List<RedshiftParameter>();
        foreach (var (column, value) in partition.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(value))
            {
                conditions.Add(QuoteIdentifier(column) + " IS NULL");
                continue;
            }

            var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            conditions.Add(QuoteIdentifier(column) + " = :" + name);
            parameters.Add(new RedshiftParameter(name, value));
        }

        return (conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions), parameters);
    }
}
