using System.Text.Json;
using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Cli;

public sealed class GenerateVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clickbatch-generate-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 30, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Validate_NoDates_UsesYesterdayUtcFromTheClock()
    {
        var options = new GenerateVerb { BootstrapServers = "127.0.0.1:9092", Clicks = 10 }.Validate(_clock);

        options.From.ShouldBe(new DateOnly(2026, 11, 22));
        options.To.ShouldBe(new DateOnly(2026, 11, 22));
    }

    [Fact]
    public void Validate_OnlyFrom_MakesItAOneDayRange()
    {
        var options = new GenerateVerb { Output = "x", Clicks = 10, From = "2026-01-31" }.Validate(_clock);

        (options.From, options.To).ShouldBe((new DateOnly(2026, 1, 31), new DateOnly(2026, 1, 31)));
    }

    [Fact]
    public void Validate_SeveralBadOptions_ReportsEveryProblemAtOnce()
    {
        var verb = new GenerateVerb
        {
            BootstrapServers = "localhost",
            Clicks = 0,
            CheckoutsPerClick = 1.5,
            MalformedRatio = -0.1,
            From = "2026-11-05",
            To = "2026-11-01",
            Topics = "clicks",
        };

        var ex = Should.Throw<ConfigurationException>(() => verb.Validate(_clock));

        ex.ExitCode.ShouldBe(ExitCodes.Usage);
        ex.Problems.Count.ShouldBe(6);
        ex.Message.ShouldContain("--bootstrap-servers entries must be HOST:PORT, found 'localhost'");
        ex.Message.ShouldContain("--to (2026-11-01) must not be before --from (2026-11-05)");
    }

    [Fact]
    public void Validate_NeitherKafkaNorFile_AsksForBootstrapServers()
    {
        var ex = Should.Throw<ConfigurationException>(() => new GenerateVerb { Clicks = 10 }.Validate(_clock));

        ex.Problems.ShouldHaveSingleItem().ShouldContain("--bootstrap-servers is required");
    }

    [Fact]
    public async Task RunAsync_OutputWithJson_PrintsCountsThatMatchTheFile()
    {
        var path = Path.Combine(_directory, "records.ndjson");
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), _clock, new Dictionary<string, string>(), IsInteractive: false);

        var exit = await ClickBatchCli.RunAsync(
            ["generate", "--clicks", "2000", "--output", path, "--malformed-ratio", "0.05", "--from", "2026-11-01", "--json"], context);

        exit.ShouldBe(ExitCodes.Success);
        var records = ReadFile(path);
        using var summary = JsonDocument.Parse(output.ToString());
        var root = summary.RootElement;
        root.GetProperty("totals").GetProperty("records").GetInt64().ShouldBe(records.Count);
        root.GetProperty("topics").GetProperty("clicks").GetProperty("records").GetInt64().ShouldBe(records.Count(r => r.Topic == "clicks"));
        root.GetProperty("topics").GetProperty("checkouts").GetProperty("records").GetInt64().ShouldBe(records.Count(r => r.Topic == "checkouts"));
        foreach (var kind in records.GroupBy(r => RecordClassifier.Classify(r)).Where(g => g.Key != RecordClassifier.Valid))
        {
            root.GetProperty("kinds").GetProperty(kind.Key).GetInt64().ShouldBe(kind.Count(), kind.Key);
        }

        root.GetProperty("seed").GetUInt64().ShouldBe(42UL);
    }

    [Fact]
    public async Task RunAsync_NoTarget_ExitsWithUsageError()
    {
        var error = new StringWriter();
        var context = new CliContext(new StringWriter(), error, _clock, new Dictionary<string, string>(), IsInteractive: false);

        var exit = await ClickBatchCli.RunAsync(["generate", "--clicks", "5"], context);

        exit.ShouldBe(ExitCodes.Usage);
        error.ToString().ShouldContain("--bootstrap-servers is required");
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("1969-12-31")]
    public async Task RunAsync_DayOutsideTheTimestampRange_ExitsWithUsageErrorNamingTheRange(string day)
    {
        var error = new StringWriter();
        var context = new CliContext(new StringWriter(), error, _clock, new Dictionary<string, string>(), IsInteractive: false);

        var exit = await ClickBatchCli.RunAsync(["generate", "--clicks", "5", "--output", Path.Combine(_directory, "x.ndjson"), "--from", day], context);

        exit.ShouldBe(ExitCodes.Usage, error.ToString());
        error.ToString().ShouldContain("1970-01-01..9999-12-30");
    }

    [Theory]
    [InlineData("9999-12-30")]
    [InlineData("1970-01-01")]
    public async Task RunAsync_FirstAndLastDayOfTheRange_GeneratesEventsOnThatDay(string day)
    {
        var path = Path.Combine(_directory, "edge.ndjson");
        var context = new CliContext(new StringWriter(), new StringWriter(), _clock, new Dictionary<string, string>(), IsInteractive: false);

        var exit = await ClickBatchCli.RunAsync(["generate", "--clicks", "50", "--output", path, "--from", day, "--malformed-ratio", "0"], context);

        exit.ShouldBe(ExitCodes.Success);
        var records = ReadFile(path);
        records.Count.ShouldBeGreaterThanOrEqualTo(50);
        foreach (var record in records)
        {
            using var json = JsonDocument.Parse(record.Value!);
            json.RootElement.GetProperty("datetime_occured").GetString().ShouldStartWith(day + " ");
        }
    }

    private static List<CapturedRecord> ReadFile(string path) => File.ReadLines(path)
        .Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var value = root.GetProperty("value");
            return new CapturedRecord(
                root.GetProperty("topic").GetString()!,
                System.Text.Encoding.ASCII.GetBytes(root.GetProperty("key").GetString()!),
                value.ValueKind == JsonValueKind.Null ? null : value.GetBytesFromBase64(),
                root.GetProperty("timestamp").GetInt64());
        })
        .ToList();
}
