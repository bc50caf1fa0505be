namespace ClickBatch.Kafka;

/// <summary>Checks <see cref="KafkaSettings"/> before anything connects; collects every problem.</summary>
internal static class KafkaSettingsValidator
{
    private static readonly string[] Protocols = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"];
    private static readonly string[] Mechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI"];

    public static IReadOnlyList<string> Validate(KafkaSettings settings)
    {
        var problems = new List<string>();
        ValidateBootstrap(settings.BootstrapServers, problems);
        ValidateSecurity(settings, problems);
        ValidatePassthrough(settings.Passthrough, problems);
        return problems;
    }

    private static void ValidateBootstrap(string servers, List<string> problems)
    {
        var endpoints = servers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (endpoints.Length == 0)
        {
            problems.Add("Kafka bootstrap servers are missing; expected host:port[,host:port...] (--bootstrap-servers).");
        }

        foreach (var endpoint in endpoints.Where(e => !IsHostPort(e)))
        {
            problems.Add($"Kafka bootstrap server '{endpoint}' is not host:port with a port from 1 to 65535.");
        }
    }

    private static bool IsHostPort(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint.AsSpan(colon + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;
    }

    private static void ValidateSecurity(KafkaSettings settings, List<string> problems)
    {
        var protocol = settings.SecurityProtocol ?? "PLAINTEXT";
        if (!Protocols.Contains(protocol, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"Kafka security protocol '{protocol}' is unknown; expected one of {string.Join(", ", Protocols)}.");
        }

        if (settings.SaslMechanism is { } named && !Mechanisms.Contains(named, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"Kafka SASL mechanism '{named}' is unknown; expected one of {string.Join(", ", Mechanisms)}.");
        }

        if (protocol.StartsWith("SASL_", StringComparison.OrdinalIgnoreCase))
        {
            ValidateSaslCredentials(settings, problems);
        }
        else if (settings.SaslMechanism is not null || settings.SaslUsername is not null || settings.SaslPassword is not null)
        {
            problems.Add($"Kafka SASL settings are set but the security protocol is {protocol}; "
                + "expected SASL_SSL (Confluent Cloud) or SASL_PLAINTEXT.");
        }
    }

    /// <summary>PLAIN (Confluent Cloud) and SCRAM need both; OAUTHBEARER and GSSAPI bring their own settings.</summary>
    private static void ValidateSaslCredentials(KafkaSettings settings, List<string> problems)
    {
        var mechanism = settings.SaslMechanism ?? "PLAIN";
        var needsPassword = mechanism.Equals("PLAIN", StringComparison.OrdinalIgnoreCase)
            || mechanism.StartsWith("SCRAM", StringComparison.OrdinalIgnoreCase);
        if (needsPassword && (settings.SaslUsername is not { Length: > 0 } || settings.SaslPassword is not { Length: > 0 }))
        {
            problems.Add($"Kafka SASL {mechanism} needs both a username and a password "
                + "(Confluent Cloud: API key and API secret).");
        }
    }

    private static void ValidatePassthrough(IReadOnlyDictionary<string, string> passthrough, List<string> problems)
    {
        foreach (var key in passthrough.Keys.Order(StringComparer.Ordinal))
        {
            if (KafkaSettings.FixedKeys.Contains(key))
            {
                problems.Add($"Kafka setting '{key}' cannot be configured: ClickBatch sets it for exactly-once reading.");
            }
            else if (KafkaSettings.DedicatedKeys.TryGetValue(key, out var option))
            {
                problems.Add($"Kafka setting '{key}' has its own option ({option}); set it there instead.");
            }
        }
    }
}
