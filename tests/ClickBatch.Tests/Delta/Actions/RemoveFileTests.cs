using System.Text.Json;
using ClickBatch.Delta.Actions;

namespace ClickBatch.Tests.Delta.Actions;

public class RemoveFileTests
{
    [Fact]
    public void For_FileWithTags_SerializesExtendedFileMetadataWithPartitionValuesSizeAndTags()
    {
        var add = new AddFile
        {
            Path = "dt=2026-11-22/part-1.parquet",
            PartitionValues = new Dictionary<string, string?> { ["dt"] = "2026-11-22" },
            Size = 4242,
            ModificationTime = 1,
            DataChange = true,
            Tags = new Dictionary<string, string?> { ["clickbatch.kafkaOffsets"] = "0:10-19", ["OPTIMIZE_TARGET_SIZE"] = "268435456" },
        };

        var line = DeltaActionSerializer.SerializeLine(DeltaAction.Of(RemoveFile.For(add, 99, dataChange: false)));

        // PROTOCOL.md "Add File and Remove File": with extendedFileMetadata true, partitionValues, size and tags are present.
        using var json = JsonDocument.Parse(line);
        var remove = json.RootElement.GetProperty("remove");
        remove.GetProperty("extendedFileMetadata").GetBoolean().ShouldBeTrue();
        remove.GetProperty("partitionValues").GetProperty("dt").GetString().ShouldBe("2026-11-22");
        remove.GetProperty("size").GetInt64().ShouldBe(4242);
        remove.GetProperty("tags").GetProperty("clickbatch.kafkaOffsets").GetString().ShouldBe("0:10-19");
        remove.GetProperty("tags").GetProperty("OPTIMIZE_TARGET_SIZE").GetString().ShouldBe("268435456");
        remove.GetProperty("deletionTimestamp").GetInt64().ShouldBe(99);
        remove.GetProperty("dataChange").GetBoolean().ShouldBeFalse();
    }
}
