using ClickBatch.Ledger;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// Thrown by <see cref="FaultInjectingStore"/> and <see cref="CrashOnGroupCommitSource"/>: stands for the process dying
/// at that point. The run records any exception it does not know as a Failed ledger entry (a real crash writes none;
/// scripts/kill-test.sh covers real SIGKILLs), so a "crashed" run returns instead of throwing.
/// </summary>
public sealed class InjectedCrashException(string message) : Exception(message)
{
    /// <summary>The run stopped at the injected crash: Failed, exit 1, the crash named in its error.</summary>
    public static void ShouldHaveCrashed(RunReport report)
    {
        report.Status.ShouldBe(RunStatus.Failed);
        report.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Failure);
        report.Error.ShouldNotBeNull().ShouldStartWith("unexpected " + nameof(InjectedCrashException) + ": injected crash");
    }
}
