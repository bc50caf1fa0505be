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
