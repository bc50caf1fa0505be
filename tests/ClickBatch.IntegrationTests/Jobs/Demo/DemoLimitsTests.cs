using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Demo;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Jobs.Demo;

/// <summary>The demo never lands an incomplete day silently, and refuses a lake it cannot read back.</summary>
public sealed class DemoLimitsTests
{
    [Fact]
    public async Task ExecuteAsync_MoreThanTheEmbeddedKafkaKeeps_StopsNamingTheDroppedRecordsBeforeRunning()
    {
        using var lake = new TempLake();
        // One partition keeps ~5 MiB: 60,000 clicks (and their checkouts) on one partition per topic are far more.
        var job = new DemoJob(new DemoOptions { Lake = lake.Path, Clicks = 60_000, Partitions = 1 }, NullLoggerFactory.Instance, TimeProvider.System);

        var error = await Should.ThrowAsync<ClickBatchException>(() => job.ExecuteAsync(CancellationToken.None));

        error.Message.ShouldStartWith("The embedded Kafka dropped the oldest ");
        error.Message.ShouldContain("clicks[0] below offset ");
        Directory.Exists(Path.Combine(lake.Path, "clicks")).ShouldBeFalse();
    }

    [Fact]
    public async Task DemoVerb_S3Lake_RefusedWithExitTwo()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await ClickBatchCli.RunAsync(["demo", "--lake", "s3://lake/demo"], new CliContext(output, error, TimeProvider.System, new Dictionary<string, string>(), false));

        exit.ShouldBe(ExitCodes.Usage);
        error.ToString().ShouldContain("--lake must be a local folder for the demo");
    }
}
