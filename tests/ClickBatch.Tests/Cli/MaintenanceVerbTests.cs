using System.Text.Json;
using ClickBatch.Cli;
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
        var exit = await RunAsync("vacuum", "--lake", _lake, "--retain", "12h", "--force", "--table", "clicks");

        exit.ShouldBe(ExitCodes.Success);
        _out.ToString().ShouldContain("clicks: no Delta table");
        var entry = LedgerEntries().ShouldHaveSingleItem();
        (entry.Operation, entry.Status, entry.ExitCode).ShouldBe(("vacuum", RunStatus.Succeeded, 0));
    }

    [Fact]
    public async Task Optimize_SeveralBadOptions_ReportsEveryProblemAtOnce()
    {
        var exit = await RunAsync("optimize", "--partition", "2026-11-22", "--target-size-mib", "0");

        exit.ShouldBe(ExitCodes.Usage);
        var error = _error.ToString();
        error.ShouldContain("--lake");
        error.ShouldContain("--partition");
        error.ShouldContain("--target-size-mib");
    }

    [Fact]
    public async Task Optimize_DryRun_WritesNoLedgerEntry()
    {
        var exit = await RunAsync("optimize", "--lake", _lake, "--dry-run");

        exit.ShouldBe(ExitCodes.Success);
        _out.ToString().ShouldContain("checkouts_rejects: no Delta table");
        Directory.Exists(_lake).ShouldBeFalse();
    }

    private Task<int> RunAsync(params string[] args) =>
        ClickBatchCli.RunAsync(args, new CliContext(_out, _error, _clock, new Dictionary<string, string>(), IsInteractive: false));

    private List<RunReport> LedgerEntries() => Directory.EnumerateFiles(Path.Combine(_lake, RunLedger.Prefix))
        .Select(f => JsonSerializer.Deserialize<RunReport>(File.ReadAllBytes(f), RunLedger.JsonOptions)!).ToList();
}
