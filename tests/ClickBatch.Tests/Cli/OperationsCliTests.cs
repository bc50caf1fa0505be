using System.Diagnostics;
using ClickBatch.Cli;
using ClickBatch.Delta.Manifests;
using ClickBatch.Diagnostics;
using ClickBatch.Errors;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Cli;

/// <summary>Issue 18's CLI items: the same problem gives the same exit code in every verb, maintenance reads the run's config.</summary>
public sealed class OperationsCliTests : IDisposable
{
    private const string Click = "{\"click_id\":\"c0\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-11-22T10:00:00Z\"}";
    private readonly RunTestLake _lake = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public void Dispose() => _lake.Dispose();

    [Theory]
    [InlineData("status", "--bootstrap-servers", "127.0.0.1:1")]
    [InlineData("run", "--bootstrap-servers", "127.0.0.1:1")]
    [InlineData("optimize")]
    [InlineData("vacuum")]
    [InlineData("promote")]
    [InlineData("register")]
    public async Task AnyVerb_LakeIsAFile_ExitsUsageSayingSoBeforeTouchingAnything(string verb, params string[] more)
    {
        var file = _lake.Lake + ".txt";
        await File.WriteAllTextAsync(file, "not a lake");

        var exit = await RunAsync([verb, "--lake", file, .. more]);

        exit.ShouldBe(ExitCodes.Usage, _error.ToString());
        _error.ToString().ShouldContain("is a file, not a folder");
    }

    [Fact]
    public async Task Register_WithoutGlueDatabase_RebuildsTheManifestsOfALocalLake()
    {
        await _lake.RunAsync(new FakeKafkaSource().WithPayloads("clicks", 0, [Click]));
        var snapshot = await _lake.SnapshotAsync("clicks");
        var partition = ClickBatch.Delta.PartitionPath.Build(snapshot.PartitionColumns, snapshot.ActiveFiles[0].PartitionValues);
        var manifest = Path.Combine(_lake.Lake, "clicks", ManifestWriter.ManifestKey(partition));
        File.Exists(manifest).ShouldBeTrue("the run writes the manifests");
        Directory.Delete(Path.Combine(_lake.Lake, "clicks", "_symlink_format_manifest"), recursive: true);

        var exit = await RunAsync(["register", "--lake", _lake.Lake, "--tables", "clicks"]);

        exit.ShouldBe(ExitCodes.Success, _error.ToString());
        File.Exists(manifest).ShouldBeTrue();
        _out.ToString().ShouldContain("clicks: Delta version " + snapshot.Version + ", manifests rebuilt (no Glue database given)");
    }

    [Fact]
    public async Task Register_ManifestsOnly_IgnoresTheGlueDatabaseOfTheEnvironment()
    {
        await _lake.RunAsync(new FakeKafkaSource().WithPayloads("clicks", 0, [Click]));
        // Glue would be unreachable: without --manifests-only this fails after retries instead of rebuilding the manifests.
        var environment = new Dictionary<string, string>
        {
            ["CLICKBATCH_CATALOG__GLUEDATABASE"] = "db", ["AWS_REGION"] = "us-east-1", ["AWS_ACCESS_KEY_ID"] = "k",
            ["AWS_SECRET_ACCESS_KEY"] = "s", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1",
        };

        var exit = await RunAsync(["register", "--lake", _lake.Lake, "--tables", "clicks", "--manifests-only"], environment);

        exit.ShouldBe(ExitCodes.Success, _error.ToString());
        _out.ToString().ShouldContain("manifests rebuilt (no Glue database given)");
    }

    [Theory]
    [InlineData("optimize", "--dry-run")]
    [InlineData("vacuum", "--dry-run")]
    [InlineData("promote", "--dry-run")]
    [InlineData("register")]
    public async Task MaintenanceVerb_Config_TakesTheLakeAndTheTopicsTablesFromIt(string verb, params string[] more)
    {
        await _lake.RunAsync(new FakeKafkaSource().WithPayloads("clicks", 0, [Click]));
        var config = _lake.Lake + ".json";
        await File.WriteAllTextAsync(config, "{ \"Lake\": " + System.Text.Json.JsonSerializer.Serialize(_lake.Lake) + ", \"Topics\": [ { \"Name\": \"clicks\" } ] }");

        var exit = await RunAsync([verb, "--config", config, .. more]);

        exit.ShouldBe(ExitCodes.Success, _error.ToString());
        _out.ToString().ShouldContain("clicks");
        _out.ToString().ShouldNotContain("checkouts", customMessage: "the tables come from the configured topics, not the defaults");
    }

    [Theory]
    [InlineData("vacuum", "--dry-run")]
    [InlineData("promote", "--dry-run")]
    [InlineData("optimize", "--dry-run")]
    public async Task MaintenanceVerb_ConfigWithTableLocationsButTablesGivenAsFlags_TakesTheLakeFromTheConfig(string verb, string more)
    {
        await _lake.RunAsync(new FakeKafkaSource().WithPayloads("clicks", 0, [Click]));
        var config = _lake.Lake + ".json";
        await File.WriteAllTextAsync(config, "{ \"Lake\": " + System.Text.Json.JsonSerializer.Serialize(_lake.Lake)
            + ", \"Topics\": [ { \"Name\": \"clicks\", \"Table\": \"s3://elsewhere/clicks\" } ] }");

        var exit = await RunAsync([verb, "--config", config, "--table", "clicks", more]);

        exit.ShouldBe(ExitCodes.Success, _error.ToString());
        _out.ToString().ShouldContain("clicks");
    }

    [Theory]
    [InlineData("promote", ExitCodes.Success)]
    [InlineData("vacuum", ExitCodes.Usage)]
    public async Task MaintenanceVerb_ConfigWithAnotherRejectsTableName_RefusedOnlyByVerbsThatWorkOnRejectsTables(string verb, int exit)
    {
        await _lake.RunAsync(new FakeKafkaSource().WithPayloads("clicks", 0, [Click]));
        var config = _lake.Lake + ".json";
        await File.WriteAllTextAsync(config, "{ \"Lake\": " + System.Text.Json.JsonSerializer.Serialize(_lake.Lake)
            + ", \"Topics\": [ { \"Name\": \"clicks\", \"RejectsTable\": \"clicks_bad\" } ] }");

        (await RunAsync([verb, "--config", config, "--dry-run"])).ShouldBe(exit, _error.ToString());
        if (exit == ExitCodes.Usage)
        {
            _error.ToString().ShouldContain("Topics[0].RejectsTable is 'clicks_bad'");
        }
    }

    [Fact]
    public async Task Run_MetricsFileIsAFolder_ExitsUsage()
    {
        Directory.CreateDirectory(_lake.Staging);

        var exit = await RunAsync(["run", "--lake", _lake.Lake, "--bootstrap-servers", "127.0.0.1:1", "--metrics-file", _lake.Staging]);

        exit.ShouldBe(ExitCodes.Usage, _error.ToString());
        _error.ToString().ShouldContain("that is a folder");
    }

    [Fact]
    public async Task Status_UnreachableBroker_FailsWithinTheConfiguredRequestTimeout()
    {
        var environment = new Dictionary<string, string> { ["CLICKBATCH_KAFKA__REQUESTTIMEOUTSECONDS"] = "2" };
        var clock = Stopwatch.StartNew();

        var exit = await RunAsync(["status", "--lake", _lake.Lake, "--bootstrap-servers", "127.0.0.1:1", "--topics", "clicks"], environment);

        exit.ShouldBe(ExitCodes.Failure, _error.ToString());
        _error.ToString().ShouldContain("127.0.0.1:1");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "a 2 s request timeout, not the 30 s default");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public async Task Run_RequestTimeoutOutOfRange_ExitsUsage(string seconds)
    {
        var environment = new Dictionary<string, string> { ["CLICKBATCH_KAFKA__REQUESTTIMEOUTSECONDS"] = seconds };

        var exit = await RunAsync(["run", "--lake", _lake.Lake, "--bootstrap-servers", "127.0.0.1:1"], environment);

        exit.ShouldBe(ExitCodes.Usage, _error.ToString());
        _error.ToString().ShouldContain("Kafka.RequestTimeoutSeconds is " + seconds + "; expected 1 to 300");
    }

    [Theory]
    [InlineData("run --bootstrap-server b:9092", "Option 'bootstrap-server' is unknown. Did you mean --bootstrap-servers?")]
    [InlineData("optimize --dryrun", "Option 'dryrun' is unknown. Did you mean --dry-run?")]
    [InlineData("stauts", "Verb 'stauts' is not recognized. Did you mean 'status'?")]
    [InlineData("status --log-format yaml", "--log-format takes text or json, got 'yaml'.")]
    public async Task AnyVerb_Typo_ExitsUsageNamingTheNearestKnownName(string line, string message)
    {
        var exit = await RunAsync(line.Split(' '));

        exit.ShouldBe(ExitCodes.Usage);
        _error.ToString().ShouldContain(message);
    }

    [Theory]
    [InlineData(new[] { "status", "--log-format", "text", "--lake", "l" }, LogFormat.Text, new[] { "status", "--lake", "l" })]
    [InlineData(new[] { "run", "--lake", "l", "--log-format=JSON" }, LogFormat.Json, new[] { "run", "--lake", "l" })]
    public void LogFormats_Flag_IsTakenOutOfTheArgumentsOfAnyVerb(string[] args, LogFormat expected, string[] rest)
    {
        var format = LogFormats.Extract(ref args);

        format.ShouldBe((expected, (string?)null));
        args.ShouldBe(rest);
    }

    [Fact]
    public void LogFormat_Default_FollowsWhetherTheContextIsInteractive()
    {
        new CliContext(_out, _error, TimeProvider.System, new Dictionary<string, string>(), IsInteractive: true).LogFormat.ShouldBe(LogFormat.Text);
        new CliContext(_out, _error, TimeProvider.System, new Dictionary<string, string>(), IsInteractive: false).LogFormat.ShouldBe(LogFormat.Json);
    }

    private Task<int> RunAsync(string[] args, Dictionary<string, string>? environment = null) =>
        ClickBatchCli.RunAsync(args, new CliContext(_out, _error, TimeProvider.System, environment ?? [], IsInteractive: false));
}
