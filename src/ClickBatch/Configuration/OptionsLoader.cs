using ClickBatch.Errors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Configuration;

/// <summary>
/// Binds <see cref="ClickBatchOptions"/> from, in increasing precedence: the JSON config file, environment
/// variables prefixed <c>CLICKBATCH_</c> (<c>__</c> separates levels: <c>CLICKBATCH_KAFKA__SASLPASSWORD</c>), and
/// command-line flags (given as configuration keys such as <c>Kafka:BootstrapServers</c>).
/// </summary>
public static partial class OptionsLoader
{
    public const string EnvironmentPrefix = "CLICKBATCH_";

    /// <param name="configFile">The JSON config file, or null.</param>
    /// <param name="environment">The process environment (only <c>CLICKBATCH_*</c> is read).</param>
    /// <param name="flags">Command-line flags as configuration keys; null values are not given.</param>
    /// <param name="logger">Where warnings go (a secret in the config file); none when null.</param>
    public static ClickBatchOptions Load(
        string? configFile,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyDictionary<string, string?> flags,
        ILogger? logger = null)
    {
        // Each source is read once and checked on its own (so a problem names where it comes from), then layered.
        var builder = new ConfigurationBuilder();
        var problems = new List<string>();
        if (configFile is not null)
        {
            var fileBuilder = new ConfigurationBuilder();
            AddConfigFile(fileBuilder, configFile);
            var file = BuildConfiguration(fileBuilder, configFile);
            problems.AddRange(UnknownKeys.Find(file, typeof(ClickBatchOptions), "config file " + configFile, UnknownKeys.AsJsonPath));
            foreach (var (key, variable) in SecretsInFile.Find(file))
            {
                ConfigurationLog.SecretInConfigFile(logger ?? NullLogger.Instance, configFile, key, variable);
            }

            builder.AddConfiguration(file);
        }

        var fromEnvironment = new ConfigurationBuilder().AddInMemoryCollection(FromEnvironment(environment)).Build();
        problems.AddRange(UnknownKeys.Find(fromEnvironment, typeof(ClickBatchOptions),
            "environment", path => EnvironmentPrefix + path.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()));
        builder.AddConfiguration(fromEnvironment);
        builder.AddInMemoryCollection(flags.Where(f => f.Value is not null));
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return Bind(builder.Build());
    }

    /// <summary>Maps <c>CLICKBATCH_KAFKA__BOOTSTRAPSERVERS</c> to <c>KAFKA:BOOTSTRAPSERVERS</c> (keys are case-insensitive).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(IReadOnlyDictionary<string, string> environment) =>
        environment
            .Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(e => new KeyValuePair<string, string?>(
                e.Key[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), e.Value));

    private static void AddConfigFile(ConfigurationBuilder builder, string configFile)
    {
        var fullPath = Path.GetFullPath(configFile);
        if (!File.Exists(fullPath))
        {
            throw new ConfigurationException($"config file '{configFile}' does not exist (looked at {fullPath}).");
        }

        builder.AddJsonFile(fullPath, optional: false, reloadOnChange: false);
    }

    private static IConfigurationRoot BuildConfiguration(ConfigurationBuilder builder, string? configFile)
    {
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            // The provider's own text is "Could not parse the JSON file."; the JsonException under it says where.
            var json = Chain(ex).OfType<System.Text.Json.JsonException>().FirstOrDefault();
            var where = json is { LineNumber: { } line, BytePositionInLine: { } column } ? $" at line {line + 1}, column {column + 1}" : string.Empty;
            var reason = json is null ? ex.InnerException?.Message ?? ex.Message : JsonPosition().Replace(json.Message, string.Empty);
            throw new ConfigurationException($"config file '{configFile}' is not valid JSON{where}: {reason}");
        }
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static ClickBatchOptions Bind(IConfiguration configuration)
    {
        var options = new ClickBatchOptions();
        try
        {
            configuration.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException(ex.Message + " Check the key names and value types against README 'Configuration'.");
        }

        return options;
    }

    /// <summary>System.Text.Json's own " LineNumber: n | BytePositionInLine: m." (0-based), replaced by our 1-based "at line, column".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\s*LineNumber: \d+ \| BytePositionInLine: \d+\.")]
    private static partial System.Text.RegularExpressions.Regex JsonPosition();
}
