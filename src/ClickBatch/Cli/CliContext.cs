using ClickBatch.Diagnostics;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Cli;

/// <summary>
/// What a command may touch of the outside world: its output streams, the clock, the environment and logging.
/// Tests build one over string writers and a fake clock.
/// </summary>
public sealed record CliContext(
    TextWriter Out,
    TextWriter Error,
    TimeProvider Clock,
    IReadOnlyDictionary<string, string> Environment,
    bool IsInteractive)
{
    /// <summary>Minimum level for logs; set by the global --verbose flag.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    public static CliContext CreateForConsole() => new(
        Console.Out,
        Console.Error,
        TimeProvider.System,
        ReadEnvironment(),
        IsInteractive: !Console.IsErrorRedirected && !Console.IsOutputRedirected);

    /// <summary>The object store of a lake or table URI: local paths, file:// and s3:// (AWS settings from this environment).</summary>
    public IObjectStore OpenStore(string uri) => ObjectStoreFactory.Create(uri, Environment, Clock);

    /// <summary>Logs go to stderr (stdout carries results such as --json): readable on a terminal, JSON lines otherwise.</summary>
    public ILoggerFactory CreateLoggerFactory() => LoggingSetup.Create(IsInteractive, MinimumLogLevel);

    private static Dictionary<string, string> ReadEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return variables;
    }
}
