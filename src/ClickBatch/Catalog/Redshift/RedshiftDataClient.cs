using System.Globalization;
using ClickBatch.Aws;

namespace ClickBatch.Catalog.Redshift;

/// <summary>Redshift Data API over AWS JSON 1.1 (target prefix RedshiftData); waits on the injected clock.</summary>
public sealed class RedshiftDataClient(AwsJsonClient client, TimeProvider clock, RedshiftPollOptions? options = null) : IRedshiftData
{
    private readonly RedshiftPollOptions poll = options ?? new RedshiftPollOptions();

    public Task<string> ExecuteStatementAsync(RedshiftTarget target, string sql, CancellationToken cancellationToken) =>
        ExecuteStatementAsync(target, sql, [], cancellationToken);

    public async Task<string> ExecuteStatementAsync(
        RedshiftTarget target, string sql, IReadOnlyList<RedshiftParameter> parameters, CancellationToken cancellationToken)
    {
        var problems = target.Validate();
        if (problems.Count > 0)
        {
            throw new ClickBatch.Errors.ConfigurationException(problems);
        }

        var request = new
        {
            target.Database,
            target.ClusterIdentifier,
            target.DbUser,
            target.SecretArn,
            target.WorkgroupName,
            Sql = sql,
            Parameters = parameters.Count == 0 ? null : parameters.Select(p => new { name = p.Name, value = p.Value }).ToList(),
        };
        var response = await client.SendAsync<object, RedshiftResponses.ExecuteStatement>("ExecuteStatement", request, cancellationToken);
        return response.Id;
    }

    public async Task<RedshiftStatement> WaitForCompletionAsync(string statementId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        while (true)
        {
            var statement = await DescribeAsync(statementId, cancellationToken);
            if (statement.Status == RedshiftStatementStatus.Finished)
            {
                return statement;
            }

            ThrowIfEnded(statement);
            var remaining = timeout - clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                await CancelQuietlyAsync(statementId, cancellationToken);
                throw new RedshiftStatementException(statementId, statement.Status,
                    "Redshift statement " + statementId + " did not finish within " + timeout + " (last status " + statement.Status
                    + "); it was cancelled. Raise the timeout or check the cluster's query queue.");
            }

            await Task.Delay(remaining < poll.PollInterval ? remaining : poll.PollInterval, clock, cancellationToken);
        }
    }

    private static void ThrowIfEnded(RedshiftStatement statement)
    {
        var message = statement.Status switch
        {
            RedshiftStatementStatus.Failed => "Redshift statement " + statement.Id + " failed: " + statement.Error,
            RedshiftStatementStatus.Aborted => "Redshift statement " + statement.Id + " was aborted (cancelled by a user or by Redshift).",
            _ => null,
        };
        if (message is not null)
        {
            throw new RedshiftStatementException(statement.Id, statement.Status, message);
        }
    }

    public async Task<long?> GetSingleLongAsync(string statementId, CancellationToken cancellationToken)
    {
        var result = await client.SendAsync<object, RedshiftResponses.GetStatementResult>("GetStatementResult", new { Id = statementId }, cancellationToken);
        var records = result.Records ?? [];
        if (records.Count != 1 || records[0].Count != 1)
        {
            throw new RedshiftStatementException(statementId, RedshiftStatementStatus.Finished,
                "Redshift statement " + statementId + " returned " + records.Count + " row(s) of " + (records.Count > 0 ? records[0].Count : 0)
                + " column(s); expected one row with one number.");
        }

        return ToLong(statementId, records[0][0]);
    }

    private static long? ToLong(string statementId, RedshiftField field) => field switch
    {
        { IsNull: true } => null,
        { LongValue: { } value } => value,
        { StringValue: { } text } when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new RedshiftStatementException(statementId, RedshiftStatementStatus.Finished,
            "Redshift statement " + statementId + " returned a value that is not a whole number; expected e.g. a count(*)."),
    };

    private Task<RedshiftStatement> DescribeAsync(string statementId, CancellationToken cancellationToken) =>
        client.SendAsync<object, RedshiftStatement>("DescribeStatement", new { Id = statementId }, cancellationToken);

    private async Task CancelQuietlyAsync(string statementId, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync<object, RedshiftResponses.CancelStatement>("CancelStatement", new { Id = statementId }, cancellationToken);
        }
        catch (AwsServiceException)
        {
            // Best effort: the statement may have finished meanwhile; the timeout is what we report.
        }
    }
}
