using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Storage;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>Small Delta tables written by ClickBatch's own Delta writer into moto's S3 (metadata only: files are not read).</summary>
public static class S3DeltaTables
{
    public static readonly StructType Schema = new(
    [
        new StructField("event_id", PrimitiveType.String),
        new StructField("device", new StructType([new StructField("os", PrimitiveType.String)])),
        new StructField("event_date", PrimitiveType.String),
    ]);

    public static IObjectStore Store(MotoServerFixture moto, string uri) => ObjectStoreFactory.Create(uri, moto.Environment, TimeProvider.System);

    public static async Task<(DeltaTable Table, Snapshot Snapshot)> CreateAsync(IObjectStore store)
    {
        var table = new DeltaTable(store, new DeltaWriterOptions { WriteCheckpoints = false });
        var snapshot = await table.CreateAsync(new TableDefinition(Schema, ["event_date"], new Dictionary<string, string?>()), CancellationToken.None);
        return (table, snapshot);
    }

    public static AddFile File(string day, string name) => new()
    {
        Path = "event_date=" + day + "/" + name,
        PartitionValues = new Dictionary<string, string?> { ["event_date"] = day },
        Size = 100,
        ModificationTime = 1_700_000_000_000,
        DataChange = true,
    };

    public static async Task<CommitResult> AppendAsync(DeltaTable table, Snapshot readSnapshot, params AddFile[] files)
    {
        var transaction = table.StartTransaction(readSnapshot, "WRITE");
        foreach (var file in files)
        {
            transaction.Add(file);
        }

        return await transaction.CommitAsync(CancellationToken.None);
    }
}
