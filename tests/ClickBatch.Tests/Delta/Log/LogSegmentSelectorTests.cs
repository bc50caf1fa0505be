using ClickBatch.Delta;
using ClickBatch.Delta.Log;

namespace ClickBatch.Tests.Delta.Log;

public class LogSegmentSelectorTests
{
    private static readonly Uri Table = new("file:///t/");

    [Fact]
    public void Select_CheckpointAndLaterCommits_UsesNewestCheckpointAtOrBelowVersion()
    {
        var files = Files("0.json", "1.json", "2.json", "2.cp", "3.json", "4.json", "4.cp", "5.json");

        var latest = LogSegmentSelector.Select(files, null, Table);
        var atThree = LogSegmentSelector.Select(files, 3, Table);

        latest.Version.ShouldBe(5);
        latest.CheckpointVersion.ShouldBe(4);
        latest.Commits.Select(c => c.Version).ShouldBe([5L]);
        atThree.CheckpointVersion.ShouldBe(2);
        atThree.Commits.Select(c => c.Version).ShouldBe([3L]);
    }

    [Fact]
    public void Select_GapAfterCheckpoint_ThrowsNamingTheMissingVersion()
    {
        var files = Files("2.cp", "2.json", "3.json", "5.json");

        var ex = Should.Throw<DeltaLogCorruptException>(() => LogSegmentSelector.Select(files, null, Table));

        ex.Message.ShouldContain(LogFile.CommitKey(4));
        ex.Facts["DeltaVersion"].ShouldBe(4L);
    }

    [Fact]
    public void Select_MultiPartCheckpointMissingAPart_IsIgnored()
    {
        var files = new List<LogFile>(Files("0.json", "1.json", "2.json"))
        {
            LogFile.TryParse("_delta_log/00000000000000000001.checkpoint.0000000001.0000000002.parquet", 1)!,
        };

        LogSegmentSelector.Select(files, null, Table).CheckpointVersion.ShouldBeNull();

        files.Add(LogFile.TryParse("_delta_log/00000000000000000001.checkpoint.0000000002.0000000002.parquet", 1)!);
        var segment = LogSegmentSelector.Select(files, null, Table);
        segment.CheckpointVersion.ShouldBe(1);
        segment.CheckpointFiles.Select(f => f.Part).ShouldBe([1, 2]);
    }

    [Fact]
    public void Select_VersionBeyondLatest_ThrowsVersionNotFoundWithUsageExit()
    {
        var ex = Should.Throw<DeltaVersionNotFoundException>(() => LogSegmentSelector.Select(Files("0.json", "1.json"), 7, Table));

        ex.Message.ShouldContain("latest version is 1");
        ex.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Usage);
    }

    [Fact]
    public void Select_EmptyLog_ThrowsTableNotFound()
    {
        Should.Throw<DeltaTableNotFoundException>(() => LogSegmentSelector.Select([], null, Table));
    }

    [Theory]
    [InlineData("_delta_log/00000000000000000010.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.json", LogFileKind.UuidCheckpoint)]
    [InlineData("_delta_log/00000000000000000010.checkpoint.parquet", LogFileKind.ClassicCheckpoint)]
    [InlineData("_delta_log/00000000000000000010.json", LogFileKind.Commit)]
    public void TryParse_LogFileNames_RecognisesKind(string key, LogFileKind kind)
    {
        var file = LogFile.TryParse(key, 1)!;

        file.Kind.ShouldBe(kind);
        file.Version.ShouldBe(10);
    }

    [Theory]
    [InlineData("_delta_log/00000000000000000010.crc")]
    [InlineData("_delta_log/00000000000000000001.00000000000000000003.compacted.json")]
    [InlineData("_delta_log/_sidecars/00000000000000000010.json")]
    [InlineData("_delta_log/_last_checkpoint")]
    public void TryParse_OtherFiles_ReturnsNull(string key) => LogFile.TryParse(key, 1).ShouldBeNull();

    private static List<LogFile> Files(params string[] names) => names.Select(n =>
    {
        var version = long.Parse(n.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
        var key = n.EndsWith(".cp", StringComparison.Ordinal) ? LogFile.ClassicCheckpointKey(version) : LogFile.CommitKey(version);
        return LogFile.TryParse(key, 1)!;
    }).ToList();
}
