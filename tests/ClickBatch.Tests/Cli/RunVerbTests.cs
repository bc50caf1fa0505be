using ClickBatch.Cli;
using ClickBatch.Configuration;
using ClickBatch.Errors;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Cli;

public class RunVerbTests
{
    [Fact]
    public void LoadOptions_Flags_OverrideEnvironmentAndMapToSettings()
    {
        var verb = new RunVerb
        {
            Lake = "s3://lake-bucket/prod",
            BootstrapServers = "broker:9092",
            Topics = "checkouts",
            GlueDatabase = "clickbatch_db",
            MaxRejectRatio = 0.2,
            AllowDataLoss = true,
            StartingOffsets = "latest",
        };
        var context = Context(new Dictionary<string, string>
        {
            ["CLICKBATCH_KAFKA__BOOTSTRAPSERVERS"] = "env-broker:9092",
            ["CLICKBATCH_JOBID"] = "nightly",
        });

        var settings = RunSettingsFactory.Create(verb.LoadOptions(context));

        settings.Kafka.BootstrapServers.ShouldBe("broker:9092");
        settings.JobId.ShouldBe("nightly");
        settings.GlueDatabase.ShouldBe("clickbatch_db");
        settings.Topics.ShouldHaveSingleItem().Topic.ShouldBe("checkouts");
        settings.Topics[0].TableUri.ShouldBe("s3://lake-bucket/prod/checkouts");
        settings.Topics[0].RejectsTableUri.ShouldBe("s3://lake-bucket/prod/checkouts_rejects");
        settings.MaxRejectRatio.ShouldBe(0.2);
        settings.AllowDataLoss.ShouldBeTrue();
        settings.StartingOffsets.ShouldBe(ClickBatch.Kafka.StartingOffsets.Latest);
        settings.AppId("checkouts", 3).ShouldBe("nightly/checkouts/3");
    }

    [Fact]
    public void LoadOptions_UnknownTopicWithoutSchema_IsAConfigurationErrorNamingIt()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092", Topics = "pageviews", GlueDatabase = "Bad-Name" };

        var ex = Should.Throw<ConfigurationException>(() => RunSettingsFactory.Create(verb.LoadOptions(Context(new Dictionary<string, string>()))));

        ex.Problems.ShouldContain(p => p.Contains("'pageviews' has no schema", StringComparison.Ordinal));
        ex.Problems.ShouldContain(p => p.Contains("'Bad-Name'", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadOptions_DefaultMemoryLimit_LeavesRowBuffersWhatTheRuntimeKafkaAndParquetDoNotTake()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092" };

        var settings = RunSettingsFactory.Create(verb.LoadOptions(Context([])));

        // 512 MiB - 96 runtime - 16 prefetch - 16 fetch - 32 row group = 352 MiB, a sixth of it held as rows.
        settings.Files.MaxBufferedBytes.ShouldBe(352L * 1024 * 1024 / 6);
        settings.Files.MaxOpenFiles.ShouldBe(128);
    }

    [Fact]
    public void LoadOptions_MemoryLimitFromEnvironment_SizesTheRowBuffers()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092" };

        var settings = RunSettingsFactory.Create(verb.LoadOptions(Context(new() { ["CLICKBATCH_RUN__MEMORYLIMITMIB"] = "1024" })));

        settings.Files.MaxBufferedBytes.ShouldBe(144L * 1024 * 1024);
    }

    [Fact]
    public void LoadOptions_MemoryLimitTooLow_IsAConfigurationErrorSayingTheMinimumAndWhy()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092" };

        var ex = Should.Throw<ConfigurationException>(() =>
            RunSettingsFactory.Create(verb.LoadOptions(Context(new() { ["CLICKBATCH_RUN__MEMORYLIMITMIB"] = "256" }))));

        // 96 + 16 + 16 + 32 + 6 x 32.
        ex.Problems.ShouldHaveSingleItem().ShouldStartWith("Run.MemoryLimitMiB is 256; expected at least 352");
        ex.ExitCode.ShouldBe(ExitCodes.Usage);
    }

    private static CliContext Context(Dictionary<string, string> environment) =>
        new(TextWriter.Null, TextWriter.Null, new FakeTimeProvider(), environment, IsInteractive: false);
}
