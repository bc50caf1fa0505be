using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
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
    /// <summary>How logs are written to stderr: text or JSON lines (the global --log-format; default text when stderr is a terminal).</summary>
    public LogFormat LogFormat { get; init; } = IsInteractive ? LogFormat.Text : LogFormat.Json;

    /// <summary>Minimum level for logs; set by the global --verbose flag.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    public static CliContext CreateForConsole() => new(
        Console.Out,
        Console.Error,
        TimeProvider.System,
        ReadEnvironment(),
        IsInteractive: !Console.IsErrorRedirected && !Console.IsOutputRedirected)
    {
        // Logs go to stderr: stderr alone decides their format ("run > summary.txt" keeps text logs on the terminal).
        LogFormat = Console.IsErrorRedirected ? LogFormat.Json : LogFormat.Text,
    };

    /// <summary>The object store of a lake or table URI: local paths, file:// and s3:// (AWS settings from this environment).</summary>
    public IObjectStore OpenStore(string uri) => ObjectStoreFactory.Create(uri, Environment, Clock);

    /// <summary>A Glue client with the AWS settings of this environment (region, endpoint, credentials: docs/aws.md).</summary>
    public GlueClient OpenGlue(ILoggerFactory loggers) =>
        new(AwsJsonClient.Create(Environment, AwsService.Glue, Clock, loggers.CreateLogger<AwsJsonClient>()));

    /// <summary>Logs go to stderr (stdout carries results such as --json), as <see cref="LogFormat"/> says.</summary>
    public ILoggerFactory CreateLoggerFactory() => LoggingSetup.Create(LogFormat == LogFormat.Text, MinimumLogLevel);

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
