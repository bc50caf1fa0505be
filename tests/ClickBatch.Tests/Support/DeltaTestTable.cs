using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Support;

/// <summary>A ClickBatch-written table in a temp folder with a fake clock and fixed table id, plus small helpers.</summary>
public sealed class DeltaTestTable : IDisposable
{
    public static readonly Guid TableId = Guid.Parse("6f1c1d1e-0000-4000-8000-000000000001");

    private readonly TempDirectory _dir = new();

    public DeltaTestTable(IReadOnlyDictionary<string, string?>? configuration = null, bool partitioned = false, int maxAttempts = 10)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero));
        Store = new LocalObjectStore(_dir.Path);
        Table = new DeltaTable(Store, new DeltaWriterOptions { Clock = Clock, NewId = () => TableId, RunId = "run-1", MaxCommitAttempts = maxAttempts });
        Definition = new TableDefinition(
            new StructType([new StructField("id", PrimitiveType.Long), new StructField("event_date", PrimitiveType.Date)]),
            partitioned ? ["event_date"] : [],
            configuration ?? new Dictionary<string, string?>());
    }

    public string Path => _dir.Path;

    public FakeTimeProvider Clock { get; }

    public LocalObjectStore Store { get; }

    public DeltaTable Table { get; }

    public TableDefinition Definition { get; }

    public Task<Snapshot> CreateAsync() => Table.CreateAsync(Definition, CancellationToken.None);

    /// <summary>The snapshot a new reader sees: a fresh log, so the checkpoint and listing are read, not the writer's kept snapshot.</summary>
    public Task<Snapshot> SnapshotAsync(long? version = null) => new DeltaLog(Table.Log.Store).GetSnapshotAsync(version, CancellationToken.None);

    /// <summary>An add for a (not necessarily existing) data file with numRecords stats.</summary>
    public static AddFile Add(string path, long rows = 1, string? eventDate = null) => new()
    {
        Path = path,
        PartitionValues = eventDate is null && !path.Contains('=') ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["event_date"] = eventDate },
        Size = 100 + rows,
        ModificationTime = 1_700_000_000_000,
        DataChange = true,
        Stats = "{\"numRecords\":" + rows + "}",
    };

    /// <summary>Commits one add (and optionally a txn) on top of the latest snapshot.</summary>
    public async Task<CommitResult> AppendAsync(AddFile add, string? appId = null, long appVersion = 0)
    {
        var tx = Table.StartTransaction(await SnapshotAsync(), "WRITE");
        tx.Add(add);
        if (appId is not null)
        {
            tx.SetTransaction(appId, appVersion);
        }

        return await tx.CommitAsync(CancellationToken.None);
    }

    public void Dispose() => _dir.Dispose();
}
