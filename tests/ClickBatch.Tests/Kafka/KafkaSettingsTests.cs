using ClickBatch.Kafka;

namespace ClickBatch.Tests.Kafka;

public sealed class KafkaSettingsTests
{
    private static readonly KafkaSettings ConfluentCloud = new()
    {
        BootstrapServers = "pkc-123.eu-west-1.aws.confluent.cloud:9092",
        SecurityProtocol = "SASL_SSL",
        SaslMechanism = "PLAIN",
        SaslUsername = "APIKEY123",
        SaslPassword = "s3cr3t-api-secret",
        Passthrough = new Dictionary<string, string> { ["client.id"] = "nightly", ["ssl.key.password"] = "keypass" },
    };

    [Fact]
    public void Validate_ConfluentCloudSettings_HasNoProblems()
    {
        ConfluentCloud.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void ToString_WithSecrets_RedactsPasswordsButShowsTheRest()
    {
        var text = ConfluentCloud.ToString();

        text.ShouldNotContain("s3cr3t-api-secret");
        text.ShouldNotContain("keypass");
        text.ShouldContain("sasl.password=***");
        text.ShouldContain("ssl.key.password=***");
        text.ShouldContain("sasl.username=APIKEY123");
        text.ShouldContain("bootstrap.servers=pkc-123.eu-west-1.aws.confluent.cloud:9092");
    }

    [Fact]
    public void RedactSecretsIn_TextEchoingSecretValues_MasksThem()
    {
        var text = ConfluentCloud.RedactSecretsIn("bad value s3cr3t-api-secret and keypass for APIKEY123");

        text.ShouldBe("bad value *** and *** for APIKEY123");
    }

    [Theory]
    [InlineData("sasl.password", true)]
    [InlineData("sasl.oauthbearer.client.secret", true)]
    [InlineData("sasl.jaas.config", true)]
    [InlineData("ssl.key.pem", true)]
    [InlineData("ssl.keystore.password", true)]
    [InlineData("client.id", false)]
    [InlineData("sasl.username", false)]
    public void IsSecret_Key_ClassifiesIt(string key, bool secret)
    {
        SecretRedactor.IsSecret(key).ShouldBe(secret);
    }

    [Fact]
    public void ToClientProperties_DedicatedOptions_AreSet()
    {
        var properties = ConfluentCloud.ToClientProperties().ToDictionary();

        properties["security.protocol"].ShouldBe("sasl_ssl");
        properties["sasl.mechanism"].ShouldBe("PLAIN");
        properties["sasl.username"].ShouldBe("APIKEY123");
        properties["sasl.password"].ShouldBe("s3cr3t-api-secret");
        properties["client.id"].ShouldBe("nightly");
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryProblemWithoutSecrets()
    {
        var settings = new KafkaSettings
        {
            BootstrapServers = "broker-without-port,host:99999",
            SecurityProtocol = "PLAINTEXT",
            SaslMechanism = "MAGIC",
            SaslPassword = "hunter2",
            Passthrough = new Dictionary<string, string>
            {
                ["enable.auto.commit"] = "true",
                ["auto.offset.reset"] = "earliest",
                ["isolation.level"] = "read_uncommitted",
                ["enable.auto.offset.store"] = "true",
                ["sasl.password"] = "x",
            },
        };

        var problems = settings.Validate();

        problems.ShouldContain(p => p.Contains("'broker-without-port'"));
        problems.ShouldContain(p => p.Contains("'host:99999'"));
        problems.ShouldContain(p => p.Contains("'MAGIC'"));
        problems.ShouldContain(p => p.Contains("security protocol is PLAINTEXT"));
        problems.ShouldContain(p => p.Contains("'enable.auto.commit' cannot be configured"));
        problems.ShouldContain(p => p.Contains("'auto.offset.reset' cannot be configured"));
        problems.ShouldContain(p => p.Contains("'isolation.level' cannot be configured"));
        problems.ShouldContain(p => p.Contains("'enable.auto.offset.store' cannot be configured"));
        problems.ShouldContain(p => p.Contains("'sasl.password' has its own option"));
        problems.ShouldAllBe(p => !p.Contains("hunter2"));
    }

    [Fact]
    public void Validate_MissingBootstrap_IsAProblem()
    {
        new KafkaSettings().Validate().ShouldContain(p => p.Contains("bootstrap servers are missing"));
    }

    [Theory]
    [InlineData("PLAIN", "key", null)]
    [InlineData("SCRAM-SHA-512", null, "secret")]
    [InlineData(null, null, null)]
    public void Validate_SaslWithoutBothCredentials_IsAProblem(string? mechanism, string? username, string? password)
    {
        var settings = new KafkaSettings
        {
            BootstrapServers = "b:9092", SecurityProtocol = "SASL_SSL", SaslMechanism = mechanism,
            SaslUsername = username, SaslPassword = password,
        };

        settings.Validate().ShouldHaveSingleItem().ShouldContain("needs both a username and a password");
    }

    [Fact]
    public void Validate_SourceOptionsOutOfRange_ReportsEach()
    {
        var options = new KafkaSourceOptions { GroupId = " ", MaxChunkRecords = 0, QueuedMaxKilobytes = 10, FetchMaxBytes = 5 };

        var problems = options.Validate();

        problems.Count.ShouldBe(4);
        problems.ShouldContain(p => p.Contains("consumer group id is missing"));
        problems.ShouldContain(p => p.Contains("Chunk record limit is " + options.MaxChunkRecords));
        problems.ShouldContain(p => p.Contains("Queued kilobytes is " + options.QueuedMaxKilobytes));
        problems.ShouldContain(p => p.Contains("Fetch max bytes is " + options.FetchMaxBytes));
    }
}
