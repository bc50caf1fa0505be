using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Checkpoints;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Delta.Checkpoints;

public class CheckpointReaderTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private const string Schema = """{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}""";

    [Fact]
    public async Task GetSnapshotAsync_UuidNamedJsonV2CheckpointWithSidecars_ReadsFileActionsFromSidecars()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        await WriteParquetAsync(store, "_delta_log/_sidecars/016ae953-37a9-438e-8683-9a9a4a79a395.parquet", [Add("a"), Add("b")]);
        await WriteParquetAsync(store, "_delta_log/_sidecars/3a0d65cd-4056-49b8-937b-95f9e3ee90e5.parquet", [Add("c")]);
        var checkpoint = DeltaActionSerializer.Serialize([
            new DeltaAction { CheckpointMetadata = new CheckpointMetadataAction { Version = 5 } },
            .. Header(),
            new DeltaAction { Sidecar = new SidecarAction { Path = "016ae953-37a9-438e-8683-9a9a4a79a395.parquet", SizeInBytes = 1, ModificationTime = 1 } },
            new DeltaAction { Sidecar = new SidecarAction { Path = "3a0d65cd-4056-49b8-937b-95f9e3ee90e5.parquet", SizeInBytes = 1, ModificationTime = 1 } },
        ]);
        await store.PutAsync("_delta_log/00000000000000000005.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.json", checkpoint, Ct);
        await store.PutAsync(LogFile.CommitKey(6), DeltaActionSerializer.Serialize([Add("d")]), Ct);

        var snapshot = await new DeltaLog(store).GetSnapshotAsync(null, Ct);

        snapshot.Version.ShouldBe(6);
        snapshot.CheckpointVersion.ShouldBe(5);
        snapshot.ActiveFiles.Select(f => f.Path).Order().ShouldBe(["a", "b", "c", "d"]);
        snapshot.GetTransactionVersion("app").ShouldBe(4);
    }

    [Fact]
    public async Task GetSnapshotAsync_MultiPartCheckpoint_ReadsAllParts()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        await WriteParquetAsync(store, "_delta_log/00000000000000000003.checkpoint.0000000001.0000000002.parquet", [.. Header(), Add("a")]);
        await WriteParquetAsync(store, "_delta_log/00000000000000000003.checkpoint.0000000002.0000000002.parquet", [Add("b")]);

        var snapshot = await new DeltaLog(store).GetSnapshotAsync(null, Ct);

        snapshot.Version.ShouldBe(3);
        snapshot.ActiveFiles.Select(f => f.Path).Order().ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task GetSnapshotAsync_CommitsCleanedUpBelowCheckpoint_TimeTravelBeforeItIsRefused()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        await WriteParquetAsync(store, LogFile.ClassicCheckpointKey(3), [.. Header(), Add("a")]);
        await store.PutAsync(LogFile.CommitKey(3), "{\"commitInfo\":{}}\n"u8.ToArray(), Ct);
        await store.PutAsync(LogFile.CommitKey(4), DeltaActionSerializer.Serialize([Add("b")]), Ct);

        var log = new DeltaLog(store);

        (await log.GetSnapshotAsync(4, Ct)).ActiveFiles.Count.ShouldBe(2);
        (await Should.ThrowAsync<DeltaVersionNotFoundException>(() => log.GetSnapshotAsync(2, Ct))).Message.ShouldContain("cleaned up");
    }

    private static DeltaAction[] Header() =>
    [
        DeltaAction.Of(new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 2 }),
        DeltaAction.Of(new MetadataAction { Id = "t", SchemaString = Schema }),
        DeltaAction.Of(new TransactionAction { AppId = "app", Version = 4 }),
    ];

    private static DeltaAction Add(string path) => DeltaAction.Of(new AddFile { Path = path, Size = 1, ModificationTime = 1, Stats = "{\"numRecords\":1}" });

    private static async Task WriteParquetAsync(LocalObjectStore store, string key, DeltaAction[] actions)
    {
        var temp = Path.Combine(Path.GetTempPath(), "cb-test-" + Guid.NewGuid().ToString("N") + ".parquet");
        await CheckpointParquet.WriteAsync(actions, temp, Ct);
        await store.PutFileAsync(key, temp, Ct);
        File.Delete(temp);
    }
}
