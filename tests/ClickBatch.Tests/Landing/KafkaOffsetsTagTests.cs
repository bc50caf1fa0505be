using ClickBatch.Delta.Actions;
using ClickBatch.Landing;

namespace ClickBatch.Tests.Landing;

public sealed class KafkaOffsetsTagTests
{
    [Fact]
    public void Merge_SeveralFiles_WidestRangePerKafkaPartition()
    {
        var merged = KafkaOffsetsTag.Merge([File("0:100-199,3:7-7"), File("0:300-350"), File("3:2-5,1:0-0")]);

        merged!.ShouldHaveSingleItem().ShouldBe(new KeyValuePair<string, string?>(KafkaOffsetsTag.Name, "0:100-350,1:0-0,3:2-7"));
    }

    [Fact]
    public void Merge_AFileWithoutTheTag_NoTag()
    {
        KafkaOffsetsTag.Merge([File("0:1-2"), new AddFile { Path = "x.parquet" }]).ShouldBeNull();
    }

    private static AddFile File(string tag) => new()
    {
        Path = "f.parquet",
        Tags = new Dictionary<string, string?>(StringComparer.Ordinal) { [KafkaOffsetsTag.Name] = tag },
    };
}
