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

    /// <summary>
    /// Every field of every checkpoint action survives a write and a read: by today's Arrow writer, and by the DuckDB
    /// <c>COPY</c> that wrote ClickBatch's checkpoints before issue 15 (tables in the field hold those).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadLocalAsync_CheckpointWithEveryField_ReadsEveryActionBack(bool writtenByDuckDb)
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "checkpoint.parquet");
        var dv = new DeletionVectorDescriptor { StorageType = "u", PathOrInlineDv = "ab^-aqEH.-t@S}K{vb[*k^", Offset = 4, SizeInBytes = 40, Cardinality = 6, MaxRowIndex = 9 };
        DeltaAction[] actions =
        [
            DeltaAction.Of(new ProtocolAction { MinReaderVersion = 3, MinWriterVersion = 7, ReaderFeatures = ["deletionVectors"], WriterFeatures = ["deletionVectors", "domainMetadata"] }),
            DeltaAction.Of(new MetadataAction
            {
                Id = "t", Name = "clicks", Description = "d", SchemaString = Schema, PartitionColumns = ["event_date", "x"], CreatedTime = 7,
                Format = new FormatSpec { Provider = "parquet", Options = new Dictionary<string, string?> { ["o"] = "1" } },
                Configuration = new Dictionary<string, string?> { ["delta.checkpointInterval"] = "10", ["empty"] = "" },
            }),
            DeltaAction.Of(new TransactionAction { AppId = "clickbatch/clicks/3", Version = 42, LastUpdated = 1_700_000_000_000 }),
            DeltaAction.Of(new TransactionAction { AppId = "no-time", Version = 1 }),
            DeltaAction.Of(new DomainMetadataAction { Domain = "clickbatch.offsets", Configuration = "{\"a\":1}", Removed = false }),
            DeltaAction.Of(new AddFile
            {
                Path = "event_date=2026-12-01/x=%C3%A9/part-1.parquet", Size = 123, ModificationTime = 5, DataChange = false,
                PartitionValues = new Dictionary<string, string?> { ["event_date"] = "2026-12-01", ["x"] = null },
                Stats = "{\"numRecords\":3}", Tags = new Dictionary<string, string?> { ["clickbatch.offsets"] = "0:1-3" },
                DeletionVector = dv, BaseRowId = 10, DefaultRowCommitVersion = 2,
            }),
            DeltaAction.Of(new AddFile { Path = "plain.parquet", Size = 1, ModificationTime = 1, PartitionValues = new Dictionary<string, string?>() }),
            DeltaAction.Of(new RemoveFile
            {
                Path = "gone.parquet", DeletionTimestamp = 99, DataChange = false, ExtendedFileMetadata = true, Size = 8,
                PartitionValues = new Dictionary<string, string?> { ["event_date"] = "2026-11-30" }, DeletionVector = dv with { Offset = null },
            }),
        ];
        if (writtenByDuckDb)
        {
            await WriteWithDuckDbAsync(actions, file);
        }
        else
        {
            await CheckpointParquet.WriteAsync(actions, file, Ct);
        }

        var read = await ParquetActionReader.ReadLocalAsync(file, "cp", Ct);

        read.Select(DeltaActionSerializer.SerializeLine).ShouldBe(actions.Select(DeltaActionSerializer.SerializeLine));
    }

    /// <summary>The checkpoint writer before issue 15, verbatim: JSON lines typed by an explicit column list, then COPY.</summary>
    private static async Task WriteWithDuckDbAsync(IReadOnlyList<DeltaAction> actions, string parquetPath)
    {
        const string dv = "STRUCT(storageType VARCHAR, pathOrInlineDv VARCHAR, \"offset\" INTEGER, sizeInBytes INTEGER, cardinality BIGINT, maxRowIndex BIGINT)";
        var columns = string.Join(", ",
            "txn: 'STRUCT(appId VARCHAR, version BIGINT, lastUpdated BIGINT)'",
            "add: 'STRUCT(path VARCHAR, partitionValues MAP(VARCHAR, VARCHAR), size BIGINT, modificationTime BIGINT, dataChange BOOLEAN, stats VARCHAR, tags MAP(VARCHAR, VARCHAR), deletionVector " + dv + ", baseRowId BIGINT, defaultRowCommitVersion BIGINT)'",
            "remove: 'STRUCT(path VARCHAR, deletionTimestamp BIGINT, dataChange BOOLEAN, extendedFileMetadata BOOLEAN, partitionValues MAP(VARCHAR, VARCHAR), size BIGINT, deletionVector " + dv + ", baseRowId BIGINT, defaultRowCommitVersion BIGINT)'",
            "metaData: 'STRUCT(id VARCHAR, name VARCHAR, description VARCHAR, format STRUCT(provider VARCHAR, options MAP(VARCHAR, VARCHAR)), schemaString VARCHAR, partitionColumns VARCHAR[], configuration MAP(VARCHAR, VARCHAR), createdTime BIGINT)'",
            "protocol: 'STRUCT(minReaderVersion INTEGER, minWriterVersion INTEGER, readerFeatures VARCHAR[], writerFeatures VARCHAR[])'",
            "domainMetadata: 'STRUCT(domain VARCHAR, configuration VARCHAR, removed BOOLEAN)'");
        var json = parquetPath + ".json";
        await File.WriteAllBytesAsync(json, DeltaActionSerializer.Serialize(actions), Ct);
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(Ct);
        using var command = connection.CreateCommand();
        command.CommandText = "COPY (SELECT * FROM read_json('" + json + "', format = 'newline_delimited', columns = {" + columns + "})) TO '"
            + parquetPath + "' (FORMAT parquet, COMPRESSION snappy)";
        await command.ExecuteNonQueryAsync(Ct);
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
