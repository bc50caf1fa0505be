using ClickBatch.Configuration;
using ClickBatch.Errors;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Tests.Configuration;

public sealed class OptionsLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clickbatch-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_FileEnvironmentAndFlags_LaterSourcesWin()
    {
        var file = WriteConfig("""
            { "Lake": "/from/file", "JobId": "nightly",
              "Kafka": { "BootstrapServers": "file:9092", "SaslUsername": "key-from-file" },
              "Run": { "MaxRejectRatio": 0.2 } }
            """);
        var environment = new Dictionary<string, string>
        {
            ["CLICKBATCH_KAFKA__BOOTSTRAPSERVERS"] = "env:9092",
            ["CLICKBATCH_RUN__MAXREJECTRATIO"] = "0.3",
            ["UNRELATED"] = "x",
        };
        var flags = new Dictionary<string, string?> { ["Run:MaxRejectRatio"] = "0.4", ["Lake"] = null };

        var options = OptionsLoader.Load(file, environment, flags);

        options.Lake.ShouldBe("/from/file");
        options.JobId.ShouldBe("nightly");
        options.Kafka.BootstrapServers.ShouldBe("env:9092");
        options.Kafka.SaslUsername.ShouldBe("key-from-file");
        options.Run.MaxRejectRatio.ShouldBe(0.4);
    }

    [Fact]
    public void Load_NoSources_KeepsDocumentedDefaults()
    {
        var options = OptionsLoader.Load(null, new Dictionary<string, string>(), new Dictionary<string, string?>());

        options.JobId.ShouldBe("clickbatch");
        options.Run.StartingOffsets.ShouldBe("earliest");
        options.Run.TargetFileSizeMiB.ShouldBe(128);
        options.Topics.ShouldBeEmpty();
    }

    [Fact]
    public void Load_KafkaPropertiesWithDottedKeys_BindAsDictionary()
    {
        var file = WriteConfig("""{ "Kafka": { "Properties": { "ssl.ca.location": "/etc/ca.pem" } } }""");

        var options = OptionsLoader.Load(file, new Dictionary<string, string>(), new Dictionary<string, string?>());

        options.Kafka.Properties["ssl.ca.location"].ShouldBe("/etc/ca.pem");
    }

    [Fact]
    public void Load_MissingFile_FailsWithConfigurationError()
    {
        var ex = Should.Throw<ConfigurationException>(() =>
            OptionsLoader.Load(Path.Combine(_dir, "nope.json"), new Dictionary<string, string>(), new Dictionary<string, string?>()));

        ex.Message.ShouldContain("nope.json");
        ex.Message.ShouldContain("does not exist");
    }

    [Fact]
    public void Load_MissingCommaOnLineFour_NamesLineAndColumn()
    {
        var file = WriteConfig("{\n  \"Lake\": \"/l\",\n  \"Kafka\": { \"BootstrapServers\": \"b:9092\" }\n  \"Run\": {}\n}\n");

        Should.Throw<ConfigurationException>(() => OptionsLoader.Load(file, new Dictionary<string, string>(), new Dictionary<string, string?>()))
            .Message.ShouldSatisfyAllConditions(
                m => m.ShouldStartWith("Invalid configuration: config file '" + file + "' is not valid JSON at line 4, column 3: "),
                m => m.ShouldNotContain("LineNumber"));
    }

    [Fact]
    public void Load_InvalidJson_FailsWithConfigurationError()
    {
        var file = WriteConfig("{ \"Lake\": ");

        Should.Throw<ConfigurationException>(() =>
            OptionsLoader.Load(file, new Dictionary<string, string>(), new Dictionary<string, string?>()))
            .Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public void Load_UnknownKey_FailsNamingIt()
    {
        var file = WriteConfig("""{ "Run": { "TargetFileSizeMb": 64 } }""");

        Should.Throw<ConfigurationException>(() =>
            OptionsLoader.Load(file, new Dictionary<string, string>(), new Dictionary<string, string?>()))
            .Message.ShouldContain("TargetFileSizeMb");
    }

    [Fact]
    public void Load_TyposInFileListsAndEnvironment_ListsEveryOneWithItsPathAndTheNearestName()
    {
        var file = WriteConfig("""
            { "Kafka": { "BootstrapServer": "x:9092", "Properties": { "fetch.min.bytes": "1" } },
              "Topics": [ { "Name": "clicks" }, { "Name": "checkouts", "Partitionning": "dt" } ],
              "Run": { "AllowDataLoss": { "x": true } },
              "Zzzzzz": 1 }
            """);
        var environment = new Dictionary<string, string> { ["CLICKBATCH_LAKEE"] = "/lake", ["CLICKBATCH_KAFKA__GROUPID"] = "g", ["OTHER_TOOL"] = "x" };

        var problems = Should.Throw<ConfigurationException>(() => OptionsLoader.Load(file, environment, new Dictionary<string, string?>())).Problems;

        problems.Count.ShouldBe(5);
        problems.ShouldContain(p => p.StartsWith("config file " + file + ": Kafka.BootstrapServer is not a setting; did you mean Kafka.BootstrapServers?", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("config file " + file + ": Topics[1].Partitionning is not a setting; did you mean Topics[1].Partitioning?", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("config file " + file + ": Run.AllowDataLoss.x is not a setting: Run.AllowDataLoss takes a single value", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("config file " + file + ": Zzzzzz is not a setting. Known here: JobId, Lake, Kafka, Topics, Catalog, Run.", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("environment: CLICKBATCH_LAKEE is not a setting; did you mean CLICKBATCH_LAKE?", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_EveryKeyTheReadmeExampleAndTerraformUse_BindsWithoutAnUnknownKey()
    {
        // Properties is a free map (librdkafka names) and Redshift a nested object: neither may count as unknown.
        var file = WriteConfig("""
            { "JobId": "j", "Lake": "/l",
              "Kafka": { "BootstrapServers": "b:9092", "Properties": { "fetch.min.bytes": "1", "socket.keepalive.enable": "true" } },
              "Topics": [ { "Name": "clicks", "Table": "t", "RejectsTable": "r", "Schema": "id:string!", "EventTimeField": "id", "Partitioning": "none" } ],
              "Catalog": { "GlueDatabase": "db", "Redshift": { "WorkgroupName": "w", "Database": "dev", "IamRole": "arn:aws:iam::1:role/r", "StatementTimeout": "00:02:00" } },
              "Run": { "RowGroupRows": 1000, "MaxOpenFiles": 4, "CommitEveryMiB": 64, "StagingDirectory": "/tmp/s" } }
            """);

        var options = OptionsLoader.Load(file, new Dictionary<string, string> { ["CLICKBATCH_RUN__MAXOPENFILES"] = "8" }, new Dictionary<string, string?>());

        options.Kafka.Properties["socket.keepalive.enable"].ShouldBe("true");
        options.Catalog.Redshift!.StatementTimeout.ShouldBe(TimeSpan.FromMinutes(2));
        options.Run.MaxOpenFiles.ShouldBe(8);
    }

    [Fact]
    public void Load_WrongValueType_FailsWithConfigurationError()
    {
        var flags = new Dictionary<string, string?> { ["Run:RowGroupRows"] = "many" };

        Should.Throw<ConfigurationException>(() =>
            OptionsLoader.Load(null, new Dictionary<string, string>(), flags));
    }

    [Fact]
    public void Load_SecretsInTheConfigFile_AreUsedAndWarnedAboutNamingTheVariableToUse()
    {
        var file = WriteConfig("""
            { "Kafka": { "SaslUsername": "key", "SaslPassword": "secret-1",
                         "Properties": { "ssl.key.password": "secret-2", "ssl.ca.location": "/etc/ca.pem" } } }
            """);
        var logger = new CapturingLogger();

        var options = OptionsLoader.Load(file, new Dictionary<string, string>(), new Dictionary<string, string?>(), logger);

        options.Kafka.SaslPassword.ShouldBe("secret-1");
        logger.Levels.ShouldAllBe(l => l == LogLevel.Warning);
        logger.Lines.Count.ShouldBe(2);
        logger.Lines[0].ShouldContain("Kafka.SaslPassword");
        logger.Lines[0].ShouldContain("CLICKBATCH_KAFKA__SASLPASSWORD");
        logger.Lines[1].ShouldContain("Kafka.Properties.ssl.key.password");
        logger.Lines[1].ShouldContain("CLICKBATCH_KAFKA__PROPERTIES__ssl.key.password");
        logger.Lines.ShouldAllBe(l => !l.Contains("secret-", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SecretOnlyInTheEnvironment_WarnsNothing()
    {
        var file = WriteConfig("""{ "Kafka": { "SaslUsername": "key" } }""");
        var logger = new CapturingLogger();

        var options = OptionsLoader.Load(file, new Dictionary<string, string> { ["CLICKBATCH_KAFKA__SASLPASSWORD"] = "secret" },
            new Dictionary<string, string?>(), logger);

        options.Kafka.SaslPassword.ShouldBe("secret");
        logger.Lines.ShouldBeEmpty();
    }

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
