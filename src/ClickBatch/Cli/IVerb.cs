using ClickBatch.Errors;

namespace ClickBatch.Cli;

/// <summary>
/// A CommandLineParser verb: the parsed options of one command and the code that runs it.
/// Every class marked with <c>[Verb]</c> in this assembly is registered (see <see cref="ClickBatchCli"/>).
/// </summary>
public interface IVerb
{
    /// <summary>Runs the command and returns its exit code (<see cref="ExitCodes"/>).</summary>
    Task<int> RunAsync(CliContext context, CancellationToken cancellationToken);
}
