using System.Diagnostics;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// Sends a real POSIX signal to a child process the test started (Process.Kill only sends SIGKILL). Uses the
/// coreutils <c>kill</c> command, so the test project needs no unsafe P/Invoke.
/// </summary>
internal static class PosixSignals
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    public static void Send(int processId, int signal)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false };
        start.ArgumentList.Add("-" + signal);
        start.ArgumentList.Add(processId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(start) ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {processId} exited with {kill.ExitCode}.");
        }
    }
}
