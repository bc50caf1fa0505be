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

    private static CliContext Context(Dictionary<string, string> environment) =>
        new(TextWriter.Null, TextWriter.Null, new FakeTimeProvider(), environment, IsInteractive: false);
}
