using ClickBatch.Catalog.Glue;

namespace ClickBatch.Tests.Support;

/// <summary>An in-memory Glue catalog for one database; counts the calls that change something.</summary>
public sealed class FakeGlueCatalog : IGlueCatalog
{
    private readonly Dictionary<string, GlueTable> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, GluePartition>> partitions = new(StringComparer.Ordinal);
    private int version;

    public List<string> Calls { get; } = [];

    public IReadOnlyList<GluePartition> PartitionsOf(string table) => partitions.GetValueOrDefault(table)?.Values.ToList() ?? [];

    public GlueTable? TableNamed(string table) => tables.GetValueOrDefault(table);

    public Task<bool> EnsureDatabaseAsync(string database, string? description, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<GlueTable?> GetTableAsync(string database, string table, CancellationToken cancellationToken) => Task.FromResult(tables.GetValueOrDefault(table));

    public Task CreateTableAsync(string database, GlueTableInput table, CancellationToken cancellationToken)
    {
        Calls.Add("CreateTable");
        tables.Add(table.Name, ToTable(database, table));
        partitions[table.Name] = new Dictionary<string, GluePartition>(StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    public Task UpdateTableAsync(string database, GlueTableInput table, string? versionId, CancellationToken cancellationToken)
    {
        Calls.Add("UpdateTable");
        tables[table.Name].VersionId.ShouldBe(versionId);
        tables[table.Name] = ToTable(database, table);
        return Task.CompletedTask;
    }

    public Task<bool> DeleteTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        Calls.Add("DeleteTable");
        partitions.Remove(table);
        return Task.FromResult(tables.Remove(table));
    }

    public Task<IReadOnlyList<GluePartition>> GetPartitionsAsync(string database, string table, string? expression, CancellationToken cancellationToken) =>
        Task.FromResult(PartitionsOf(table));

    public Task<int> BatchCreatePartitionsAsync(string database, string table, IReadOnlyList<GluePartitionInput> inputs, CancellationToken cancellationToken)
    {
        Calls.Add("BatchCreatePartition");
        var created = 0;
        foreach (var input in inputs)
        {
            created += partitions[table].TryAdd(Key(input.Values), new GluePartition { Values = input.Values, StorageDescriptor = input.StorageDescriptor }) ? 1 : 0;
        }

        return Task.FromResult(created);
    }

    public Task BatchUpdatePartitionsAsync(string database, string table, IReadOnlyList<GluePartitionInput> inputs, CancellationToken cancellationToken)
    {
        Calls.Add("BatchUpdatePartition");
        foreach (var input in inputs)
        {
            partitions[table][Key(input.Values)] = new GluePartition { Values = input.Values, StorageDescriptor = input.StorageDescriptor };
        }

        return Task.CompletedTask;
    }

    public Task BatchDeletePartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string>> values, CancellationToken cancellationToken)
    {
        Calls.Add("BatchDeletePartition");
        foreach (var v in values)
        {
            partitions[table].Remove(Key(v));
        }

        return Task.CompletedTask;
    }

    private static string Key(IEnumerable<string> values) => string.Join('\u0001', values);

    private GlueTable ToTable(string database, GlueTableInput input) => new()
    {
        Name = input.Name,
        DatabaseName = database,
        TableType = input.TableType,
        Parameters = input.Parameters,
        StorageDescriptor = input.StorageDescriptor,
        PartitionKeys = input.PartitionKeys,
        VersionId = (++version).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
