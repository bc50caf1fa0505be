using ClickBatch.Delta;
using ClickBatch.Delta.Writing;
using ClickBatch.Storage;

namespace ClickBatch.Tests.Delta;

public class PartitionPathTests
{
    [Fact]
    public void Build_TwoColumns_JoinsInColumnOrder()
    {
        var values = new Dictionary<string, string?> { ["topic"] = "clicks", ["event_date"] = "2026-11-01" };

        PartitionPath.Build(["event_date", "topic"], values).ShouldBe("event_date=2026-11-01/topic=clicks");
    }

    [Theory]
    [InlineData(null, "__HIVE_DEFAULT_PARTITION__")]
    [InlineData("", "__HIVE_DEFAULT_PARTITION__")]
    [InlineData("a b", "a b")]
    [InlineData("a/b=c", "a%2Fb%3Dc")]
    [InlineData("50%:x?#", "50%25%3Ax%3F%23")]
    [InlineData("{[q]}^*'\"\\", "%7B%5Bq%5D}%5E%2A%27%22%5C")]
    [InlineData("tab\tnl\n", "tab%09nl%0A")]
    [InlineData("é", "é")]
    public void Build_SpecialCharacters_EscapesLikeHive(string? value, string expected)
    {
        PartitionPath.Build(["p"], new Dictionary<string, string?> { ["p"] = value }).ShouldBe("p=" + expected);
    }

    [Fact]
    public void UriPath_EscapedPartitionFolder_EncodesPercentAndSpaceForAddPath()
    {
        UriPath.Escape(PartitionPath.Build(["p"], new Dictionary<string, string?> { ["p"] = "a b:c" }) + "/f.parquet")
            .ShouldBe("p=a%20b%253Ac/f.parquet");
    }

    [Theory]
    [InlineData("2024-01-05", "dt=2024-01-05")]
    [InlineData("a/b:c=d%", "dt=a%2Fb%3Ac%3Dd%25")]
    [InlineData(null, "dt=__HIVE_DEFAULT_PARTITION__")]
    public void Folder_Value_EscapedLikeHive(string? value, string expected)
    {
        PartitionPath.Folder("dt", value).ShouldBe(expected);
    }

    [Fact]
    public void Build_MissingValue_Throws()
    {
        Should.Throw<ArgumentException>(() => PartitionPath.Build(["p"], new Dictionary<string, string?>()));
    }

    [Fact]
    public void Serialize_TypedValues_FollowsProtocolFormats()
    {
        PartitionValueSerializer.Serialize(new DateOnly(2026, 1, 2)).ShouldBe("2026-01-02");
        PartitionValueSerializer.Serialize(true).ShouldBe("true");
        PartitionValueSerializer.Serialize(-12.5m).ShouldBe("-12.5");
        PartitionValueSerializer.Serialize(42L).ShouldBe("42");
        PartitionValueSerializer.Serialize(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1230))
            .ShouldBe("2026-01-02T01:04:05.000123Z");
        PartitionValueSerializer.Serialize("").ShouldBeNull();
        PartitionValueSerializer.Serialize(null).ShouldBeNull();
    }
}
