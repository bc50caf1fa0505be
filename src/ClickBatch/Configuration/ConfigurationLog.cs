using Microsoft.Extensions.Logging;

namespace ClickBatch.Configuration;

internal static partial class ConfigurationLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Config file {ConfigFile} holds a secret in {Key}: config files get "
        + "copied, committed and baked into images. Remove it from the file and set {Variable} instead (terraform passes it from Secrets Manager)")]
    public static partial void SecretInConfigFile(ILogger logger, string configFile, string key, string variable);
}
