using ClickBatch.Cli;
using ClickBatch.Configuration;
using ClickBatch.Errors;
using ClickBatch.Kafka;
using ClickBatch.Parquet;
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

        var settings = RunSettingsFactory.Create(verb.LoadOptions(Context(new() { ["CLICKBATCH_RUN__WRITERTHREADS"] = "1" })));

        // 512 MiB - 96 runtime - 16 prefetch - 16 fetch - 3 x 8 read chunks - 32 row group = 328 MiB, a sixth of it held as rows.
        settings.Files.MaxBufferedBytes.ShouldBe(328L * 1024 * 1024 / 6);
        settings.Files.MaxOpenFiles.ShouldBe(128);
    }

    [Fact]
    public void LoadOptions_MemoryLimitFromEnvironment_SizesTheRowBuffers()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092" };

        var settings = RunSettingsFactory.Create(verb.LoadOptions(Context(new()
        {
            ["CLICKBATCH_RUN__MEMORYLIMITMIB"] = "1024",
            ["CLICKBATCH_RUN__WRITERTHREADS"] = "1",
        })));

        // 1024 - 96 - 16 - 16 - 3 x 8 - 32.
        settings.Files.MaxBufferedBytes.ShouldBe(840L * 1024 * 1024 / 6);
    }

    [Fact]
    public void LoadOptions_TwoWriterThreads_EachMayEncodeARowGroupSoRowBuffersGetLess()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092" };

        var settings = RunSettingsFactory.Create(verb.LoadOptions(Context(new() { ["CLICKBATCH_RUN__WRITERTHREADS"] = "2" })));

        settings.WriterThreads.ShouldBe(2);
        // 512 - 96 - 16 - 16 - 3 x 8 - 2 x 32 = 296 MiB, a ninth of it held as rows (split between the two threads by the run).
        settings.Files.MaxBufferedBytes.ShouldBe(296L * 1024 * 1024 / 9);
    }

    [Fact]
    public void LoadOptions_CommitsSmallerThanAReadChunk_ReadChunksShrinkToACommit()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092", CommitEveryRecords = 150 };

        var small = RunSettingsFactory.Create(verb.LoadOptions(Context(new() { ["CLICKBATCH_RUN__COMMITEVERYMIB"] = "1" })));
        var defaults = RunSettingsFactory.Create(new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092" }.LoadOptions(Context([])));

        (small.Source.MaxChunkRecords, small.Source.MaxChunkBytes).ShouldBe((150, 1024 * 1024));
        (defaults.Source.MaxChunkRecords, defaults.Source.MaxChunkBytes).ShouldBe((16_000, 8 * 1024 * 1024));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("17")]
    public void LoadOptions_WriterThreadsOutOfRange_IsAConfigurationErrorSayingTheRange(string threads)
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092" };

        var ex = Should.Throw<ConfigurationException>(() =>
            RunSettingsFactory.Create(verb.LoadOptions(Context(new() { ["CLICKBATCH_RUN__WRITERTHREADS"] = threads }))));

        ex.Problems.ShouldHaveSingleItem().ShouldBe($"Run.WriterThreads is {threads}; expected 0 (one per core, at most 4) or 1-16.");
    }

    [Fact]
    public void LoadOptions_TwoWriterThreadsBelowTheirMemory_SaysTheMinimumAndToLowerTheThreads()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092" };

        var ex = Should.Throw<ConfigurationException>(() => RunSettingsFactory.Create(verb.LoadOptions(Context(new()
        {
            ["CLICKBATCH_RUN__MEMORYLIMITMIB"] = "400",
            ["CLICKBATCH_RUN__WRITERTHREADS"] = "2",
        }))));

        // 96 + 16 + 16 + 3 x 8 + 2 x 32 + 9 x 32.
        ex.Problems.ShouldHaveSingleItem().ShouldStartWith("Run.MemoryLimitMiB is 400; expected at least 504");
        ex.Problems[0].ShouldEndWith("or lower Run.WriterThreads.");
    }

    [Theory]
    [InlineData(512, 1, 1)]
    [InlineData(512, 2, 2)]
    [InlineData(512, 8, 2)]
    [InlineData(1024, 8, 4)]
    [InlineData(503, 2, 1)]
    [InlineData(504, 2, 2)]
    [InlineData(2048, 64, 4)]
    public void AutoWriterThreads_OnePerCoreAtMostFourAndOnlyAsManyAsTheMemoryLimitAllows(int limitMiB, int cores, int expected)
    {
        MemoryLimit.AutoWriterThreads(limitMiB, new KafkaSourceOptions(), new FileWriterOptions(), cores).ShouldBe(expected);
    }

    [Fact]
    public void LoadOptions_MemoryLimitTooLow_IsAConfigurationErrorSayingTheMinimumAndWhy()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092" };

        var ex = Should.Throw<ConfigurationException>(() =>
            RunSettingsFactory.Create(verb.LoadOptions(Context(new() { ["CLICKBATCH_RUN__MEMORYLIMITMIB"] = "256" }))));

        // 96 + 16 + 16 + 3 x 8 + 32 + 6 x 32.
        ex.Problems.ShouldHaveSingleItem().ShouldStartWith("Run.MemoryLimitMiB is 256; expected at least 376");
        ex.ExitCode.ShouldBe(ExitCodes.Usage);
    }

    private static CliContext Context(Dictionary<string, string> environment) =>
        new(TextWriter.Null, TextWriter.Null, new FakeTimeProvider(), environment, IsInteractive: false);
}
