using ClickBatch.Errors;
using ClickBatch.Kafka;
using Confluent.Kafka;

namespace ClickBatch.Tests.Kafka;

public sealed class ConsumerConfigFactoryTests
{
    private static readonly KafkaSourceOptions Options = new() { GroupId = "clickbatch-nightly", QueuedMaxKilobytes = 32_768, FetchMaxBytes = 8_000_000 };

    [Fact]
    public void Create_AnySettings_FixesTheCorrectnessSettings()
    {
        var config = ConsumerConfigFactory.Create(new KafkaSettings { BootstrapServers = "b:9092" }, Options, "lag-group");

        config.EnableAutoCommit.ShouldBe(false);
        config.EnableAutoOffsetStore.ShouldBe(false);
        config.IsolationLevel.ShouldBe(IsolationLevel.ReadCommitted);
        config.AutoOffsetReset.ShouldBe(AutoOffsetReset.Error);
        config.EnablePartitionEof.ShouldBe(true);
        config.AllowAutoCreateTopics.ShouldBe(false);
        config.GroupId.ShouldBe("lag-group");
    }

    [Fact]
    public void Create_SourceOptions_SizeTheBuffers()
    {
        var config = ConsumerConfigFactory.Create(new KafkaSettings { BootstrapServers = "b:9092" }, Options, "g");

        config.QueuedMaxMessagesKbytes.ShouldBe(32_768);
        config.FetchMaxBytes.ShouldBe(8_000_000);
    }

    [Fact]
    public void Create_NoBackoffGiven_PausesFetchingBrieflyOnceTheBufferIsFull()
    {
        var config = ConsumerConfigFactory.Create(new KafkaSettings { BootstrapServers = "b:9092" }, new KafkaSourceOptions { GroupId = "g" }, "g");

        config.FetchQueueBackoffMs.ShouldBe(10);
    }

    [Fact]
    public void Create_BackoffInPassthrough_TheUsersValueWins()
    {
        var settings = new KafkaSettings { BootstrapServers = "b:9092", Passthrough = new Dictionary<string, string> { ["fetch.queue.backoff.ms"] = "250" } };

        var config = ConsumerConfigFactory.Create(settings, Options, "g");

        config.FetchQueueBackoffMs.ShouldBe(250);
    }

    [Fact]
    public void ConfluentKafkaSourceCreate_BackoffInPassthroughNotANumber_IsAConfigurationError()
    {
        var settings = new KafkaSettings { BootstrapServers = "127.0.0.1:9", Passthrough = new Dictionary<string, string> { ["fetch.queue.backoff.ms"] = "soon" } };

        var error = Should.Throw<ConfigurationException>(() => ConfluentKafkaSource.Create(settings, Options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        error.Message.ShouldContain("fetch.queue.backoff.ms");
    }

    [Fact]
    public void Create_ConfluentCloudSettingsAndPassthrough_AreCarriedOver()
    {
        var settings = new KafkaSettings
        {
            BootstrapServers = "pkc-1.confluent.cloud:9092", SecurityProtocol = "SASL_SSL", SaslMechanism = "PLAIN",
            SaslUsername = "KEY", SaslPassword = "SECRET", Passthrough = new Dictionary<string, string> { ["client.id"] = "nightly" },
        };

        var config = ConsumerConfigFactory.Create(settings, Options, "g");

        config.BootstrapServers.ShouldBe("pkc-1.confluent.cloud:9092");
        config.SecurityProtocol.ShouldBe(SecurityProtocol.SaslSsl);
        config.SaslMechanism.ShouldBe(SaslMechanism.Plain);
        config.SaslUsername.ShouldBe("KEY");
        config.SaslPassword.ShouldBe("SECRET");
        config.ClientId.ShouldBe("nightly");
    }

    [Fact]
    public async Task ConfluentKafkaSourceCreate_ConfluentCloudSettings_AreAcceptedByTheShippedLibrdkafka()
    {
        var settings = new KafkaSettings
        {
            BootstrapServers = "127.0.0.1:1", SecurityProtocol = "SASL_SSL", SaslMechanism = "PLAIN",
            SaslUsername = "KEY", SaslPassword = "SECRET",
        };

        // Create builds the librdkafka consumer at once, and librdkafka refuses settings it cannot honour (a build
        // without SSL or SASL support refuses SASL_SSL/PLAIN): not throwing is the assertion.
        var source = Should.NotThrow(() => ConfluentKafkaSource.Create(settings, Options, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        await source.DisposeAsync();
    }

    [Fact]
    public void ConfluentKafkaSourceCreate_UnknownPassthroughSetting_IsAConfigurationError()
    {
        var settings = new KafkaSettings
        {
            BootstrapServers = "127.0.0.1:1", Passthrough = new Dictionary<string, string> { ["no.such.setting"] = "1" },
        };

        var error = Should.Throw<ConfigurationException>(() => ConfluentKafkaSource.Create(settings, Options,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        error.Message.ShouldContain("no.such.setting");
    }

    [Fact]
    public void Create_InvalidSettingsAndOptions_ReportsBothTogether()
    {
        var options = Options with { MaxChunkRecords = 0 };

        var error = Should.Throw<ConfigurationException>(() => ConsumerConfigFactory.Create(new KafkaSettings(), options, "g"));

        error.Problems.Count.ShouldBe(2);
        error.Problems.ShouldContain(p => p.Contains("bootstrap servers are missing"));
        error.Problems.ShouldContain(p => p.Contains("Chunk record limit is " + options.MaxChunkRecords));
    }
}
