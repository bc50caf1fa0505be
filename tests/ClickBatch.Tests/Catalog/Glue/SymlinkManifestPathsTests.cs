using ClickBatch.Catalog.Glue;

namespace ClickBatch.Tests.Catalog.Glue;

public sealed class SymlinkManifestPathsTests
{
    [Theory]
    [InlineData("2024-01-01", "2024-01-01")]
    [InlineData("a b", "a b")]
    [InlineData("10:30", "10%3A30")]
    [InlineData("x/y=z", "x%2Fy%3Dz")]
    [InlineData("50%", "50%25")]
    [InlineData("tab\t", "tab%09")]
    public void EscapePathName_EscapesAsHiveDoes(string value, string expected)
    {
        SymlinkManifestPaths.EscapePathName(value).ShouldBe(expected);
    }

    [Fact]
    public void PartitionFolder_TwoColumnsAndANull_NestsFoldersInColumnOrder()
    {
        SymlinkManifestPaths.PartitionFolder(["event_date", "country"], ["2024-01-01", null])
            .ShouldBe("_symlink_format_manifest/event_date=2024-01-01/country=__HIVE_DEFAULT_PARTITION__/");
    }
}
