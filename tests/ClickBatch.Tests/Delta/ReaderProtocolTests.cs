using System.Text;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Checkpoints;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Tests.Delta;

/// <summary>Reader paths PROTOCOL.md defines that the conformance tables do not exercise.</summary>
public sealed class ReaderProtocolTests : IDisposable
{
    private const string Schema = """{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}""";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Checkpoint_TableWithDomainMetadata_KeepsTheDomainForReadersOfTheCheckpoint()
    {
        // "Domain Metadata": a checkpoint must hold every live domain; readers of it must see the domain.
        var store = new LocalObjectStore(_dir.Sub("domains"));
        await store.PutAsync(LogFile.CommitKey(0), DeltaActionSerializer.Serialize([
            DeltaAction.Of(new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 7, WriterFeatures = ["domainMetadata"] }),
            DeltaAction.Of(new MetadataAction { Id = "t", SchemaString = Schema }),
            DeltaAction.Of(new DomainMetadataAction { Domain = "com.example.clustering", Configuration = "{\"a\":1}" }),
            DeltaAction.Of(new AddFile { Path = "a.parquet", Size = 1, DataChange = true })]), Ct);
        await CheckpointWriter.WriteAsync(store, await new DeltaLog(store).GetSnapshotAsync(null, Ct), TimeProvider.System, NullLogger.Instance, Ct);
        await store.DeleteAsync(LogFile.CommitKey(0), Ct);

        var snapshot = await new DeltaLog(store).GetSnapshotAsync(null, Ct);

        snapshot.CheckpointVersion.ShouldBe(0);
        snapshot.DomainMetadata["com.example.clustering"].Configuration.ShouldBe("{\"a\":1}");
        snapshot.ActiveFiles.Select(f => f.Path).ShouldBe(["a.parquet"]);
    }

    [Fact]
    public async Task V2Checkpoint_UuidNamedParquetWithASidecar_ReadsTheSidecarsFiles()
    {
        // "V2 Checkpoint Spec": a UUID-named checkpoint holds checkpointMetadata, protocol, metaData and sidecar actions;
        // the file actions live in _delta_log/_sidecars/<path>.
        var store = new LocalObjectStore(_dir.Sub("v2"));
        var sidecar = _dir.Sub("sidecar.parquet");
        await CheckpointParquet.WriteAsync([DeltaAction.Of(new AddFile { Path = "from-sidecar.parquet", Size = 1 })], sidecar, Ct);
        await store.PutFileAsync("_delta_log/_sidecars/abc.parquet", sidecar, Ct);
        var json = _dir.Sub("top.json");
        await File.WriteAllBytesAsync(json, DeltaActionSerializer.Serialize([
            new DeltaAction { CheckpointMetadata = new CheckpointMetadataAction { Version = 3 } },
            DeltaAction.Of(new ProtocolAction { MinReaderVersion = 3, MinWriterVersion = 7, ReaderFeatures = ["v2Checkpoint"], WriterFeatures = ["v2Checkpoint"] }),
            DeltaAction.Of(new MetadataAction { Id = "t", SchemaString = Schema }),
            new DeltaAction { Sidecar = new SidecarAction { Path = "abc.parquet", SizeInBytes = 1, ModificationTime = 1 } }]));
        var top = _dir.Sub("top.parquet");
        DuckDb.Query("COPY (SELECT * FROM read_json('" + json + "', format='newline_delimited', columns={"
            + "checkpointMetadata: 'STRUCT(version BIGINT, tags MAP(VARCHAR,VARCHAR))', "
            + "protocol: 'STRUCT(minReaderVersion INTEGER, minWriterVersion INTEGER, readerFeatures VARCHAR[], writerFeatures VARCHAR[])', "
            + "metaData: 'STRUCT(id VARCHAR, schemaString VARCHAR, partitionColumns VARCHAR[], configuration MAP(VARCHAR,VARCHAR), format STRUCT(provider VARCHAR, options MAP(VARCHAR,VARCHAR)))', "
            + "sidecar: 'STRUCT(path VARCHAR, sizeInBytes BIGINT, modificationTime BIGINT, tags MAP(VARCHAR,VARCHAR))'})) TO '" + top + "' (FORMAT parquet)");
        await store.PutFileAsync("_delta_log/00000000000000000003.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.parquet", top, Ct);

        var snapshot = await new DeltaLog(store).GetSnapshotAsync(null, Ct);

        snapshot.Version.ShouldBe(3);
        snapshot.ActiveFiles.Select(f => f.Path).ShouldBe(["from-sidecar.parquet"]);
    }

    [Fact]
    public void DeletionVector_Inline_UniqueIdIsStorageTypeAndTheInlineBytes()
    {
        // "Deletion Vector Descriptor Schema", derived uniqueId: storageType ++ pathOrInlineDv (no offset for inline).
        const string line = """{"add":{"path":"p.parquet","partitionValues":{},"size":1,"modificationTime":1,"dataChange":true,"deletionVector":{"storageType":"i","pathOrInlineDv":"wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L","sizeInBytes":40,"cardinality":6}}}""";

        var add = DeltaActionSerializer.ParseLines(Encoding.UTF8.GetBytes(line), "00.json").Single().Add!;

        add.Key.ShouldBe(new LogicalFileKey("p.parquet", "iwi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L"));
    }
}
