using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Faults;

/// <summary>
/// Issue 13 "disk full on the staging folder": the real <c>clickbatch run</c> under a 200 KiB per-file limit, so
/// ParquetSharp's native write of the first staging file fails as on a full disk (EFBIG). The run ends exit 1 naming
/// the staging file, commits nothing of that chunk, and a rerun without the limit lands every offset exactly once.
/// </summary>
public sealed class StagingDiskFullTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RunCommand_StagingWriteFailsMidFile_ExitsOneNamingTheFileAndTheRerunIsExact()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 20_000);
        var config = await harness.WriteCliConfigAsync(harness.Staging);
        string[] arguments = ["run", "--config", config, "--bootstrap-servers", harness.BootstrapServers, "--lake", harness.Lake,
            "--job-id", "it", "--max-reject-ratio", "0.5", "--staging-dir", Path.Combine(harness.Staging, "run")];

        using (var limited = ClickBatchProcess.StartWithFileSizeLimit(200, arguments))
        {
            var exit = await limited.WaitForExitAsync(RunTimeout);
            var error = await limited.StandardError;
            exit.ShouldBe(ExitCodes.Failure, error);
            error.ShouldContain("File too large");
            error.ShouldContain("staging directory");
        }

        (await harness.OffsetsInLakeAsync(harness.Clicks)).ShouldBeEmpty("the chunk whose file failed must not be committed");
        using var rerun = ClickBatchProcess.Start(arguments);
        (await rerun.WaitForExitAsync(RunTimeout)).ShouldBe(ExitCodes.Success, await rerun.StandardError);
        await harness.ShouldHoldExactlyOnceAsync();
    }
}
