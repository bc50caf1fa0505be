using System.Diagnostics;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// The real <c>clickbatch</c> command as a child process: the built clickbatch.dll of src/ClickBatch, started with
/// <c>dotnet</c>. Stderr is drained in the background so the child never blocks on a full pipe.
/// Dispose kills the child if a test left it running.
/// </summary>
public sealed class ClickBatchProcess : IDisposable
{
    private readonly Process _process;

    private ClickBatchProcess(Process process)
    {
        _process = process;
        StandardError = process.StandardError.ReadToEndAsync();
    }

    /// <summary>
    /// clickbatch.dll in the product's own build output (same configuration as the tests): the copy next to the tests
    /// lacks the Microsoft.Extensions assemblies the ASP.NET Core shared framework (FaultProxy's Kestrel) supplies there.
    /// </summary>
    public static string CommandPath { get; } = FindCommand();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL, as a crash would: nothing of the child runs after it.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public StreamReader StandardOutput => _process.StandardOutput;

    /// <summary>
    /// All of stderr: completes only when the child has ended. Never await it while the child must still be running
    /// (not even in an assertion's message, which is built before the assertion runs).
    /// </summary>
    public Task<string> StandardError { get; }

    public static ClickBatchProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    /// <summary>Starts the command with <paramref name="environment"/> added to this process's environment (e.g. moto's AWS settings).</summary>
    public static ClickBatchProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(CommandPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ClickBatchProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>
    /// Starts the command under a per-file size limit (<c>ulimit -f</c>, in KiB, SIGXFSZ ignored): a write past it fails
    /// with EFBIG inside native code too (ParquetSharp), as a full disk would. W^X double mapping is off, since the
    /// runtime's memory-mapped file for it cannot grow under the limit.
    /// </summary>
    public static ClickBatchProcess StartWithFileSizeLimit(int kibibytes, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("ulimit -f " + kibibytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; trap '' XFSZ; exec dotnet \"$@\"");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(CommandPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ClickBatchProcess(Process.Start(start) ?? throw new InvalidOperationException("bash did not start."));
    }

    private static string FindCommand()
    {
        var framework = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)); // bin/<Configuration>/<framework>
        var command = Path.Combine(RepositoryRoot.Path, "src", "ClickBatch", "bin", framework.Parent!.Name, framework.Name, "clickbatch.dll");
        return File.Exists(command) ? command : throw new InvalidOperationException("Expected the built command at " + command + "; build src/ClickBatch first.");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
