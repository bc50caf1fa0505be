using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.Kafka.Local;

namespace ClickBatch.Tests.Cli;

public sealed class LocalKafkaVerbTests
{
    [Fact]
    public void ToOptions_Defaults_AreOneBrokerAndClicksAndCheckoutsWithSixPartitions()
    {
        var options = new LocalKafkaVerb().ToOptions();

        options.Brokers.ShouldBe(1);
        options.Topics.ShouldBe([new LocalTopic("clicks", 6), new LocalTopic("checkouts", 6)]);
    }

    [Fact]
    public void ToOptions_SeveralProblems_ReportsAllAtOnceWithExitCodeTwo()
    {
        var verb = new LocalKafkaVerb { Brokers = 17, Topics = "x:0,y:1,y:2" };

        var error = Should.Throw<ConfigurationException>(() => verb.ToOptions());

        error.ExitCode.ShouldBe(ExitCodes.Usage);
        error.Problems.Count.ShouldBe(3);
        error.Problems.ShouldContain(p => p.Contains("--brokers is 17"));
        error.Problems.ShouldContain(p => p.Contains("'x:0'"));
        error.Problems.ShouldContain(p => p.Contains("'y' more than once"));
    }
}
