using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Cli;

/// <summary>
/// Issue 18: stderr alone decides the log format. <c>clickbatch ... &gt; summary.txt</c> on a terminal keeps text logs
/// (it switched to JSON because stdout was redirected); redirected stderr gets JSON lines; --log-format overrides both.
/// The terminal is a real pseudo-terminal from util-linux's <c>script</c>.
/// </summary>
public sealed class LogFormatProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clickbatch-logformat-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Optimize_StdoutRedirectedStderrOnATerminal_LogsText()
    {
        var lake = await LakeAsync();
        var summary = Path.Combine(_dir, "summary.txt");

        var terminal = await ScriptAsync($"dotnet {Quote(ClickBatchProcess.CommandPath)} optimize --lake {Quote(lake)} > {Quote(summary)}");

        terminal.ShouldContain("info: ClickBatch.Jobs.Maintenance.OptimizeJob");
        terminal.ShouldNotContain("\"EventId\"");
        (await File.ReadAllTextAsync(summary)).ShouldContain("clicks: nothing to compact");
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("text", false)]
    public async Task Optimize_StderrRedirected_LogsJsonLinesUnlessToldText(string? format, bool json)
    {
        var lake = await LakeAsync();
        using var process = ClickBatchProcess.Start(format is null ? ["optimize", "--lake", lake] : ["optimize", "--lake", lake, "--log-format", format]);

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0);
        var lines = (await process.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldNotBeEmpty();
        lines.ShouldAllBe(line => line.StartsWith('{') == json);
    }

    private async Task<string> LakeAsync()
    {
        var lake = Path.Combine(_dir, "lake");
        var table = new ClickBatch.Delta.Writing.DeltaTable(new ClickBatch.Storage.LocalObjectStore(Path.Combine(lake, "clicks")),
            new ClickBatch.Delta.Writing.DeltaWriterOptions());
        var schema = new ClickBatch.Delta.Schema.StructType([new ClickBatch.Delta.Schema.StructField("id", ClickBatch.Delta.Schema.PrimitiveType.Long)]);
        await table.CreateAsync(new ClickBatch.Delta.Writing.TableDefinition(schema, [], new Dictionary<string, string?>()), CancellationToken.None);
        return lake;
    }

    /// <summary>Runs a shell command line under a pseudo-terminal; returns what the terminal showed.</summary>
    private static async Task<string> ScriptAsync(string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-qec", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("script did not start (util-linux).");
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
        return await output;
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
