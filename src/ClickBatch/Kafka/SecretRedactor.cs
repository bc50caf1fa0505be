namespace ClickBatch.Kafka;

/// <summary>Decides which client settings are secret, so logs, errors and reports show <c>***</c> instead.</summary>
public static class SecretRedactor
{
    public const string Mask = "***";

    private static readonly string[] SecretMarkers =
        ["password", "secret", "jaas", "key.pem", "oauthbearer.config", "token", "credential"];

    public static bool IsSecret(string key) =>
        SecretMarkers.Any(marker => key.Contains(marker, StringComparison.OrdinalIgnoreCase));

    public static string Redact(string key, string value) => IsSecret(key) ? Mask : value;
}
