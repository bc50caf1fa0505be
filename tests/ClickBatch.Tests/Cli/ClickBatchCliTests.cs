using ClickBatch.Cli;
using ClickBatch.Errors;

namespace ClickBatch.Tests.Cli;

public class ClickBatchCliTests
{
    [Fact]
    public async Task RunVerbAsync_VerbThrowsAnUntranslatedException_ExitsOneNamingItWithItsTrace()
    {
        var (context, error) = Context();

        var exit = await ClickBatchCli.RunVerbAsync(new Throwing(new InvalidOperationException("boom")), context, CancellationToken.None);

        exit.ShouldBe(ExitCodes.Failure);
        error.ToString().ShouldStartWith("error: unexpected InvalidOperationException: boom");
        error.ToString().ShouldContain(nameof(Throwing));
    }

    [Fact]
    public async Task RunVerbAsync_VerbThrowsAClickBatchException_ExitsWithItsCodeAndOnlyItsMessage()
    {
        var (context, error) = Context();

        var exit = await ClickBatchCli.RunVerbAsync(new Throwing(new ConfigurationException("bad --lake")), context, CancellationToken.None);

        exit.ShouldBe(ExitCodes.Usage);
        error.ToString().ShouldBe("error: Invalid configuration: bad --lake" + Environment.NewLine);
    }

    [Fact]
    public async Task RunVerbAsync_CancelledBySignal_ExitsInterrupted()
    {
        var (context, error) = Context();
        using var signal = new CancellationTokenSource();
        await signal.CancelAsync();

        var exit = await ClickBatchCli.RunVerbAsync(new Throwing(new OperationCanceledException(signal.Token)), context, signal.Token);

        exit.ShouldBe(ExitCodes.Interrupted);
        error.ToString().ShouldContain("interrupted by signal");
    }

    [Fact]
    public async Task RunAsync_Version_PrintsOneLine()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await ClickBatchCli.RunAsync(["--version"], new CliContext(output, error, TimeProvider.System, new Dictionary<string, string>(), false));

        exit.ShouldBe(ExitCodes.Success);
        output.ToString().ShouldBe("clickbatch " + typeof(ClickBatchCli).Assembly.GetName().Version!.ToString(3) + Environment.NewLine);
    }

    [Fact]
    public async Task RunAsync_TwoBadFlagValues_PrintsBothErrorsAndTheHelpHintNotTheWholeHelp()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await ClickBatchCli.RunAsync(["run", "--max-reject-ratio", "x", "--target-file-size-mib", "y"],
            new CliContext(output, error, TimeProvider.System, new Dictionary<string, string>(), false));

        exit.ShouldBe(ExitCodes.Usage);
        error.ToString().ShouldBe(
            "error: Option 'max-reject-ratio' is defined with a bad format." + Environment.NewLine
            + "error: Option 'target-file-size-mib' is defined with a bad format." + Environment.NewLine
            + "Run 'clickbatch run --help' for the options." + Environment.NewLine);
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_HelpAfterAVerbsValues_ShowsTheVerbsHelpOnceWithItsOwnVersionOption()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await ClickBatchCli.RunAsync(["table", "describe", "--help"], new CliContext(output, error, TimeProvider.System, new Dictionary<string, string>(), false));

        exit.ShouldBe(ExitCodes.Success, error.ToString());
        output.ToString().ShouldContain("--version");
        output.ToString().Split("--version").Length.ShouldBe(2);
        output.ToString().ShouldContain("time travel");
        output.ToString().ShouldNotContain("ERROR(S)", Case.Sensitive);
    }

    [Theory]
    [InlineData("vacuum --lake /tmp/none --retain --dry-run", "retain")]
    [InlineData("vacuum --lake /tmp/none --retain", "retain")]
    [InlineData("table describe /tmp/none --version", "version")]
    [InlineData("demo --clicks", "clicks")]
    public async Task RunAsync_OptionWithoutItsValue_RefusedInsteadOfRunningWithTheDefault(string line, string option)
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await ClickBatchCli.RunAsync(line.Split(' '), new CliContext(output, error, TimeProvider.System, new Dictionary<string, string>(), false));

        exit.ShouldBe(ExitCodes.Usage);
        error.ToString().ShouldStartWith("error: --" + option + " needs a value." + Environment.NewLine);
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_NoVerb_ListsTheVerbsOnStandardErrorAndExitsTwo()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await ClickBatchCli.RunAsync([], new CliContext(output, error, TimeProvider.System, new Dictionary<string, string>(), false));

        exit.ShouldBe(ExitCodes.Usage);
        error.ToString().ShouldContain("backfill");
        error.ToString().ShouldContain("vacuum");
        output.ToString().ShouldBeEmpty();
    }

    private static (CliContext Context, StringWriter Error) Context()
    {
        var error = new StringWriter();
        return (new CliContext(new StringWriter(), error, TimeProvider.System, new Dictionary<string, string>(), IsInteractive: false), error);
    }

    private sealed class Throwing(Exception exception) : IVerb
    {
        public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) => throw exception;
    }
}
