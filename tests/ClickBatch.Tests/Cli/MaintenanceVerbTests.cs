using System.Text.Json;
using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Cli;

public sealed class MaintenanceVerbTests : IDisposable
{
    private readonly string _lake = Path.Combine(Directory.CreateTempSubdirectory("clickbatch-maint-").FullName, "lake");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_lake)!, recursive: true);

    [Theory]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("36h", 36 * 60)]
    [InlineData("90m", 90)]
    [InlineData("36500d", 36_500 * 24 * 60)]
    public void ParseRetention_Valid_ReturnsDuration(string text, int minutes) =>
        VacuumVerb.ParseRetention(text).ShouldBe(TimeSpan.FromMinutes(minutes));

    [Theory]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("7w")]
    [InlineData("-1d")]
    [InlineData("36501d")]
    [InlineData("99999999d")]
    [InlineData("2147483647h")]
    public void ParseRetention_Malformed_ReturnsNull(string text) => VacuumVerb.ParseRetention(text).ShouldBeNull();

    [Fact]
    public async Task Vacuum_RetentionBelowOneDayWithoutForce_ExitsUsageAndWritesNothing()
    {
        var exit = await RunAsync("vacuum", "--lake", _lake, "--retain", "12h");

        exit.ShouldBe(ExitCodes.Usage);
        _error.ToString().ShouldContain("24h");
        Directory.Exists(_lake).ShouldBeFalse();
    }

    [Fact]
    public async Task Vacuum_RetentionBelowOneDayWithForce_RunsAndWritesALedgerEntry()
    {
        await CreateTableAsync("clicks");

        var exit = await RunAsync("vacuum", "--lake", _lake, "--retain", "12h", "--force", "--table", "clicks");

        exit.ShouldBe(ExitCodes.Success, _error.ToString());
        _out.ToString().ShouldContain("clicks: deleted 0 data files");
        var entry = LedgerEntries().ShouldHaveSingleItem();
        (entry.Operation, entry.Status, entry.ExitCode).ShouldBe(("vacuum", RunStatus.Succeeded, 0));
    }

    [Fact]
    public async Task Optimize_SeveralBadOptions_ReportsEveryProblemAtOnce()
    {
        var exit = await RunAsync("optimize", "--partition", "2026-11-22", "--target-file-size-mib", "0");

        exit.ShouldBe(ExitCodes.Usage);
        var error = _error.ToString();
        error.ShouldContain("--lake");
        error.ShouldContain("--partition");
        error.ShouldContain("--target-file-size-mib must be between 1 and 4096, got 0.");
    }

    [Fact]
    public async Task Optimize_EarlierFlagName_StillAcceptedAndValidated()
    {
        var exit = await RunAsync("optimize", "--lake", _lake, "--target-size-mib", "5000");

        exit.ShouldBe(ExitCodes.Usage);
        _error.ToString().ShouldContain("--target-file-size-mib must be between 1 and 4096, got 5000.");
    }

    [Fact]
    public async Task Optimize_DryRun_WritesNoLedgerEntry()
    {
        await CreateTableAsync("clicks");

        var exit = await RunAsync("optimize", "--lake", _lake, "--dry-run");

        exit.ShouldBe(ExitCodes.Success, _error.ToString());
        _out.ToString().ShouldContain("checkouts_rejects: no Delta table");
        Directory.Exists(Path.Combine(_lake, "_clickbatch")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("optimize")]
    [InlineData("vacuum")]
    public async Task MaintenanceVerb_LakeWithoutAnyOfTheTables_ExitsUsageAndWritesNoLedgerEntry(string verb)
    {
        await CreateTableAsync("pageviews");

        var exit = await RunAsync(verb, "--lake", _lake);

        exit.ShouldBe(ExitCodes.Usage);
        _error.ToString().ShouldContain("no Delta table under " + _lake + ": looked for clicks, clicks_rejects, checkouts, checkouts_rejects");
        Directory.Exists(Path.Combine(_lake, "_clickbatch")).ShouldBeFalse();
    }

    [Fact]
    public async Task Register_LakeWithoutAnyOfTheTables_ExitsUsageBeforeCallingGlue()
    {
        await CreateTableAsync("pageviews");
        // Glue would be unreachable here: without the check this ends in exit 1 after retries, not exit 2.
        var environment = new Dictionary<string, string>
        {
            ["AWS_REGION"] = "us-east-1", ["AWS_ACCESS_KEY_ID"] = "k", ["AWS_SECRET_ACCESS_KEY"] = "s", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1",
        };

        var exit = await ClickBatchCli.RunAsync(["register", "--lake", _lake, "--glue-database", "db"],
            new CliContext(_out, _error, TimeProvider.System, environment, IsInteractive: false));

        exit.ShouldBe(ExitCodes.Usage, _error.ToString());
        _error.ToString().ShouldContain("no Delta table under " + _lake + ": looked for clicks, clicks_rejects, checkouts, checkouts_rejects");
        Directory.Exists(Path.Combine(_lake, "_clickbatch")).ShouldBeFalse();
    }

    private async Task CreateTableAsync(string name)
    {
        var table = new ClickBatch.Delta.Writing.DeltaTable(new ClickBatch.Storage.LocalObjectStore(Path.Combine(_lake, name)), new ClickBatch.Delta.Writing.DeltaWriterOptions { Clock = _clock });
        var schema = new ClickBatch.Delta.Schema.StructType([new ClickBatch.Delta.Schema.StructField("id", ClickBatch.Delta.Schema.PrimitiveType.Long)]);
        await table.CreateAsync(new ClickBatch.Delta.Writing.TableDefinition(schema, [], new Dictionary<string, string?>()), CancellationToken.None);
    }

    private Task<int> RunAsync(params string[] args) =>
        ClickBatchCli.RunAsync(args, new CliContext(_out, _error, _clock, new Dictionary<string, string>(), IsInteractive: false));

    private List<RunReport> LedgerEntries() => Directory.EnumerateFiles(Path.Combine(_lake, RunLedger.Prefix))
        .Select(f => JsonSerializer.Deserialize<RunReport>(File.ReadAllBytes(f), RunLedger.JsonOptions)!).ToList();
}
