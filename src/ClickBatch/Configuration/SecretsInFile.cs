using Microsoft.Extensions.Configuration;

namespace ClickBatch.Configuration;

/// <summary>
/// Secrets written into the config file (issue 13): still used, because refusing them would stop a nightly job over a
/// style problem, but warned about (<see cref="ConfigurationLog.SecretInConfigFile"/>), since config files get copied,
/// committed and baked into images. Each comes with the environment variable that should hold it instead.
/// </summary>
internal static class SecretsInFile
{
    /// <summary>librdkafka properties whose values are secrets.</summary>
    private static readonly string[] SecretProperties =
        ["sasl.password", "ssl.key.password", "ssl.keystore.password", "sasl.oauthbearer.client.secret", "ssl.key.pem"];

    /// <summary>The key (as the file spells it) and the variable to move it to, for every secret the file holds.</summary>
    public static IEnumerable<(string Key, string Variable)> Find(IConfiguration file)
    {
        if (!string.IsNullOrEmpty(file["Kafka:SaslPassword"]))
        {
            yield return ("Kafka.SaslPassword", "CLICKBATCH_KAFKA__SASLPASSWORD");
        }

        foreach (var property in file.GetSection("Kafka:Properties").GetChildren())
        {
            if (SecretProperties.Contains(property.Key, StringComparer.OrdinalIgnoreCase) && !string.IsNullOrEmpty(property.Value))
            {
                // The binder keeps a variable's spelling after the prefix, so librdkafka's lower-case name works there.
                yield return ("Kafka.Properties." + property.Key, string.Equals(property.Key, "sasl.password", StringComparison.OrdinalIgnoreCase)
                    ? "CLICKBATCH_KAFKA__SASLPASSWORD"
                    : "CLICKBATCH_KAFKA__PROPERTIES__" + property.Key);
            }
        }
    }
}
