using System.Text;
using ClickBatch.Delta;
using ClickBatch.Delta.Actions;

namespace ClickBatch.Tests.Delta.Actions;

public class DeltaActionSerializerTests
{
    [Fact]
    public void ParseLines_SparkCommit_ReadsEveryActionAndIgnoresUnknownFields()
    {
        const string commit = """
            {"commitInfo":{"timestamp":1668830182658,"operation":"WRITE","operationParameters":{"mode":"Append","partitionBy":"[\"letter\"]"},"isBlindAppend":true,"engineInfo":"Apache-Spark/3.3.1 Delta-Lake/2.1.1"}}
            {"add":{"path":"letter=__HIVE_DEFAULT_PARTITION__/p.parquet","partitionValues":{"letter":null},"size":751,"modificationTime":1668830182584,"dataChange":true,"stats":"{\"numRecords\":1}","futureField":{"x":1}}}
            {"remove":{"path":"old.parquet","deletionTimestamp":5,"dataChange":true}}
            {"txn":{"appId":"clicks","version":7}}
            {"cdc":{"path":"_change_data/c.parquet","partitionValues":{},"size":1,"dataChange":false}}
            """;

        var actions = DeltaActionSerializer.ParseLines(Encoding.UTF8.GetBytes(commit), "00.json");

        actions.Count.ShouldBe(5);
        actions[0].CommitInfo!.Operation.ShouldBe("WRITE");
        actions[0].CommitInfo!.Extra!["isBlindAppend"].GetBoolean().ShouldBeTrue();
        actions[1].Add!.PartitionValues["letter"].ShouldBeNull();
        FileStatistics.Parse(actions[1].Add!.Stats)!.NumRecords.ShouldBe(1);
        actions[2].Remove!.DeletionTimestamp.ShouldBe(5);
        actions[3].Txn!.Version.ShouldBe(7);
        actions[4].Add.ShouldBeNull();
    }

    [Fact]
    public void Serialize_AddWithNullPartitionValue_KeepsNullAndOmitsAbsentOptionals()
    {
        var add = new AddFile
        {
            Path = "p=__HIVE_DEFAULT_PARTITION__/f.parquet",
            PartitionValues = new Dictionary<string, string?> { ["p"] = null },
            Size = 10,
            ModificationTime = 20,
            DataChange = true,
        };

        var line = DeltaActionSerializer.SerializeLine(DeltaAction.Of(add));

        line.ShouldBe("""{"add":{"path":"p=__HIVE_DEFAULT_PARTITION__/f.parquet","partitionValues":{"p":null},"size":10,"modificationTime":20,"dataChange":true}}""");
    }

    [Fact]
    public void Serialize_ThenParse_RoundTripsMetadataProtocolAndCommitInfoExtras()
    {
        var metadata = new MetadataAction
        {
            Id = "id-1",
            SchemaString = """{"type":"struct","fields":[]}""",
            PartitionColumns = ["event_date"],
            CreatedTime = 42,
            Configuration = new Dictionary<string, string?> { ["delta.checkpointInterval"] = "10" },
        };
        var protocol = new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 2 };
        var info = new CommitInfoAction
        {
            Operation = "WRITE",
            Extra = new Dictionary<string, System.Text.Json.JsonElement> { ["clickbatch.runId"] = System.Text.Json.JsonDocument.Parse("\"run-9\"").RootElement },
        };

        var bytes = DeltaActionSerializer.Serialize([DeltaAction.Of(info), DeltaAction.Of(protocol), DeltaAction.Of(metadata)]);
        var back = DeltaActionSerializer.ParseLines(bytes, "x");

        Encoding.UTF8.GetString(bytes).Split('\n').Length.ShouldBe(4);
        back[0].CommitInfo!.GetExtraString("clickbatch.runId").ShouldBe("run-9");
        back[1].Protocol.ShouldBe(protocol);
        back[2].Metadata!.Configuration["delta.checkpointInterval"].ShouldBe("10");
        back[2].Metadata!.PartitionColumns.ShouldBe(["event_date"]);
        Encoding.UTF8.GetString(bytes).ShouldContain("\"metaData\":{");
    }

    [Fact]
    public void ParseLines_MalformedLine_ThrowsCorruptErrorNamingFileAndLine()
    {
        var ex = Should.Throw<DeltaLogCorruptException>(() =>
            DeltaActionSerializer.ParseLines("{\"txn\":{\"appId\":\"a\",\"version\":1}}\n{\"add\":"u8.ToArray(), "_delta_log/00000000000000000003.json"));

        ex.Message.ShouldContain("_delta_log/00000000000000000003.json");
        ex.Message.ShouldContain("line 2");
    }

    [Fact]
    public void UniqueId_DescriptorWithOffset_AppendsOffset()
    {
        var dv = new DeletionVectorDescriptor { StorageType = "u", PathOrInlineDv = "ab", Offset = 1, SizeInBytes = 36, Cardinality = 2 };

        dv.UniqueId.ShouldBe("uab@1");
        (dv with { Offset = null }).UniqueId.ShouldBe("uab");
    }
}
