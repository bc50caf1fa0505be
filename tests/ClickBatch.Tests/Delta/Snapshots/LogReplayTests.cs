using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;

namespace ClickBatch.Tests.Delta.Snapshots;

public class LogReplayTests
{
    private static readonly Uri Table = new("file:///t/");

    [Fact]
    public void Apply_AddThenRemoveThenReAdd_KeepsNewestReferencePerLogicalFile()
    {
        var replay = Base();
        replay.Apply([DeltaAction.Of(Add("a")), DeltaAction.Of(Add("b"))], 1);
        replay.Apply([DeltaAction.Of(new RemoveFile { Path = "a", DataChange = true })], 2);
        replay.Apply([DeltaAction.Of(new RemoveFile { Path = "b", DataChange = true }), DeltaAction.Of(Add("b", size: 99))], 3);

        var snapshot = replay.ToSnapshot(Table, 3, null);

        snapshot.ActiveFiles.Select(f => (f.Path, f.Size)).ShouldBe([("b", 99L)]);
        snapshot.Tombstones.Select(t => t.Path).ShouldBe(["a"]);
    }

    [Fact]
    public void Apply_SamePathWithDeletionVector_ReplacesTheFileWithoutDvByRemoveAndAdd()
    {
        var dv = new DeletionVectorDescriptor { StorageType = "u", PathOrInlineDv = "x", SizeInBytes = 1, Cardinality = 2 };
        var replay = Base();
        replay.Apply([DeltaAction.Of(Add("a"))], 1);
        replay.Apply([DeltaAction.Of(new RemoveFile { Path = "a", DataChange = true }), DeltaAction.Of(Add("a") with { DeletionVector = dv })], 2);

        var snapshot = replay.ToSnapshot(Table, 2, null);

        snapshot.ActiveFiles.Single().DeletionVector.ShouldBe(dv);
        snapshot.Tombstones.Single().Key.ShouldBe(new LogicalFileKey("a", null));
    }

    [Fact]
    public void Apply_TxnForSameAppTwice_LatestVersionWinsEvenWhenLower()
    {
        var replay = Base();
        replay.Apply([Txn("clicks", 5), Txn("checkouts", 2)], 1);
        replay.Apply([Txn("clicks", 3)], 2);

        var snapshot = replay.ToSnapshot(Table, 2, null);

        snapshot.GetTransactionVersion("clicks").ShouldBe(3);
        snapshot.GetTransactionVersion("checkouts").ShouldBe(2);
        snapshot.GetTransactionVersion("other").ShouldBeNull();
    }

    [Fact]
    public void Apply_SecondMetadataAndProtocol_ReplaceTheFirst()
    {
        var replay = Base();
        replay.Apply([DeltaAction.Of(new MetadataAction { Id = "t", SchemaString = """{"type":"struct","fields":[{"name":"n","type":"long","nullable":true,"metadata":{}}]}""" }),
            DeltaAction.Of(new ProtocolAction { MinReaderVersion = 3, MinWriterVersion = 7, ReaderFeatures = [], WriterFeatures = ["appendOnly"] })], 1);

        var snapshot = replay.ToSnapshot(Table, 1, null);

        snapshot.Schema.Fields.Single().Name.ShouldBe("n");
        snapshot.Protocol.MinWriterVersion.ShouldBe(7);
    }

    [Fact]
    public void Apply_DomainMetadataTombstone_RemovesTheDomain()
    {
        var replay = Base();
        replay.Apply([DeltaAction.Of(new DomainMetadataAction { Domain = "a", Configuration = "1" }), DeltaAction.Of(new DomainMetadataAction { Domain = "b", Configuration = "2" })], 1);
        replay.Apply([DeltaAction.Of(new DomainMetadataAction { Domain = "a", Configuration = "1", Removed = true })], 2);

        replay.ToSnapshot(Table, 2, null).DomainMetadata.Keys.ShouldBe(["b"]);
    }

    [Fact]
    public void ToSnapshot_NoMetadata_ThrowsNamingTheMissingAction()
    {
        var replay = new LogReplay();
        replay.Apply([DeltaAction.Of(new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 2 })], 0);

        Should.Throw<DeltaLogCorruptException>(() => replay.ToSnapshot(Table, 0, null)).Message.ShouldContain("metaData is missing");
    }

    private static LogReplay Base()
    {
        var replay = new LogReplay();
        replay.Apply([DeltaAction.Of(new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 2 }),
            DeltaAction.Of(new MetadataAction { Id = "t", SchemaString = """{"type":"struct","fields":[]}""" })], 0);
        return replay;
    }

    private static AddFile Add(string path, long size = 1) => new() { Path = path, Size = size, DataChange = true };

    private static DeltaAction Txn(string appId, long version) => DeltaAction.Of(new TransactionAction { AppId = appId, Version = version });
}
