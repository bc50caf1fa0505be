using ClickBatch.Configuration;

namespace ClickBatch.Tests.Configuration;

public class OptionsValidatorTests
{
    [Fact]
    public void Validate_CompleteOptions_NoProblems()
    {
        OptionsValidator.Validate(Valid()).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ManyBadSettings_ReportsEveryProblemAtOnce()
    {
        var options = new ClickBatchOptions { JobId = "bad job id" };
        options.Run.StartingOffsets = "oldest";
        options.Run.MaxRejectRatio = 1.5;
        options.Run.TargetFileSizeMiB = 0;
        options.Topics.Add(new TopicOptions { Name = "clicks", Partitioning = "hourly" });
        options.Topics.Add(new TopicOptions { Name = "clicks" });

        var problems = OptionsValidator.Validate(options);

        problems.Count.ShouldBe(8);
        problems.ShouldContain(p => p.Contains("lake location is missing", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("bootstrap servers are missing", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("'bad job id'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("'oldest'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("between 0 and 1", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("--target-file-size-mib", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("'hourly'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("configured 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SaslWithoutSecret_NamesTheMissingPassword()
    {
        var options = Valid();
        options.Kafka.SecurityProtocol = "SASL_SSL";
        options.Kafka.SaslUsername = "api-key";

        OptionsValidator.Validate(options).ShouldHaveSingleItem().ShouldContain("needs both a username and a password");
    }

    [Theory]
    [InlineData("enable.auto.commit")]
    [InlineData("enable.auto.offset.store")]
    [InlineData("isolation.level")]
    [InlineData("auto.offset.reset")]
    public void Validate_CorrectnessPropertyPassedThrough_IsRefused(string key)
    {
        var options = Valid();
        options.Kafka.Properties[key] = "true";

        OptionsValidator.Validate(options).ShouldHaveSingleItem().ShouldContain($"'{key}' cannot be configured");
    }

    private static ClickBatchOptions Valid()
    {
        var options = new ClickBatchOptions { Lake = "/tmp/lake" };
        options.Kafka.BootstrapServers = "127.0.0.1:9092";
        return options;
    }
}
