using ClickBatch.Aws;

namespace ClickBatch.Catalog.Glue;

/// <summary>
/// Glue Data Catalog over AWS JSON 1.1 (target prefix AWSGlue). API limits: BatchCreatePartition takes 100
/// partitions, BatchUpdatePartition 100, BatchDeletePartition 25
/// (https://docs.aws.amazon.com/glue/latest/webapi/API_BatchDeletePartition.html).
/// </summary>
public sealed class GlueClient(AwsJsonClient client) : IGlueCatalog
{
    public const int CreatePartitionBatchSize = 100;

    public const int DeletePartitionBatchSize = 25;

    public const int UpdatePartitionBatchSize = 100;

    private const string NotFound = "EntityNotFoundException";
    private const string AlreadyExists = "AlreadyExistsException";

    public async Task<bool> EnsureDatabaseAsync(string database, string? description, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync<object, GlueResponses.Empty>("GetDatabase", new { Name = database }, cancellationToken);
            return false;
        }
        catch (AwsServiceException e) when (e.ErrorCode == NotFound)
        {
            return await CreateDatabaseAsync(database, description, cancellationToken);
        }
    }

    public async Task<GlueTable?> GetTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.SendAsync<object, GlueResponses.GetTable>(
                "GetTable", new { DatabaseName = database, Name = table }, cancellationToken);
            return response.Table;
        }
        catch (AwsServiceException e) when (e.ErrorCode == NotFound)
        {
            return null;
        }
    }

    public Task CreateTableAsync(string database, GlueTableInput table, CancellationToken cancellationToken) =>
        client.SendAsync<object, GlueResponses.Empty>("CreateTable", new { DatabaseName = database, TableInput = table }, cancellationToken);

    public Task UpdateTableAsync(string database, GlueTableInput table, string? versionId, CancellationToken cancellationToken) =>
        client.SendAsync<object, GlueResponses.Empty>(
            "UpdateTable", new { DatabaseName = database, TableInput = table, VersionId = versionId }, cancellationToken);

    public async Task<bool> DeleteTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync<object, GlueResponses.Empty>("DeleteTable", new { DatabaseName = database, Name = table }, cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode == NotFound)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<GluePartition>> GetPartitionsAsync(
        string database, string table, string? expression, CancellationToken cancellationToken)
    {
        var partitions = new List<GluePartition>();
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var request = new { DatabaseName = database, TableName = table, Expression = expression, NextToken = token };
            var page = await client.SendAsync<object, GlueResponses.GetPartitions>("GetPartitions", request, cancellationToken);
            partitions.AddRange(page.Partitions ?? []);
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            if (token is not null && !seenTokens.Add(token))
            {
                throw new InvalidOperationException("Glue GetPartitions on " + database + "." + table + " returned the same NextToken twice; stopping to avoid an endless listing.");
            }
        }
        while (token is not null);

        return partitions;
    }

    public async Task<int> BatchCreatePartitionsAsync(
        string database, string table, IReadOnlyList<GluePartitionInput> partitions, CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var batch in partitions.Chunk(CreatePartitionBatchSize))
        {
            var request = new { DatabaseName = database, TableName = table, PartitionInputList = batch };
            var response = await client.SendAsync<object, GlueResponses.BatchPartition>("BatchCreatePartition", request, cancellationToken);
            var errors = response.Errors ?? [];
            ThrowUnlessOnly(errors, AlreadyExists, "BatchCreatePartition", database, table);
            created += batch.Length - errors.Count;
        }

        return created;
    }

    public async Task BatchUpdatePartitionsAsync(
        string database, string table, IReadOnlyList<GluePartitionInput> partitions, CancellationToken cancellationToken)
    {
        foreach (var batch in partitions.Chunk(UpdatePartitionBatchSize))
        {
            var entries = batch.Select(p => new { PartitionValueList = p.Values, PartitionInput = p });
            var request = new { DatabaseName = database, TableName = table, Entries = entries };
            var response = await client.SendAsync<object, GlueResponses.BatchPartition>("BatchUpdatePartition", request, cancellationToken);
            ThrowUnlessOnly(response.Errors ?? [], tolerated: string.Empty, "BatchUpdatePartition", database, table);
        }
    }

    public async Task BatchDeletePartitionsAsync(
        string database, string table, IReadOnlyList<IReadOnlyList<string>> partitionValues, CancellationToken cancellationToken)
    {
        foreach (var batch in partitionValues.Chunk(DeletePartitionBatchSize))
        {
            var request = new { DatabaseName = database, TableName = table, PartitionsToDelete = batch.Select(v => new { Values = v }) };
            var response = await client.SendAsync<object, GlueResponses.BatchPartition>("BatchDeletePartition", request, cancellationToken);
            ThrowUnlessOnly(response.Errors ?? [], NotFound, "BatchDeletePartition", database, table);
        }
    }

    private static void ThrowUnlessOnly(IReadOnlyList<GluePartitionError> errors, string tolerated, string operation, string database, string table)
    {
        var failures = errors.Where(e => e.Code != tolerated).ToList();
        if (failures.Count > 0)
        {
            throw new GluePartitionBatchException(operation, database, table, failures);
        }
    }

    private async Task<bool> CreateDatabaseAsync(string database, string? description, CancellationToken cancellationToken)
    {
        try
        {
            var input = new { Name = database, Description = description };
            await client.SendAsync<object, GlueResponses.Empty>("CreateDatabase", new { DatabaseInput = input }, cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode == AlreadyExists)
        {
            return false; // another run created it between our GetDatabase and CreateDatabase
        }
    }
}
