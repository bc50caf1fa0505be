using System.Collections.Frozen;

namespace ClickBatch.Kafka;

/// <summary>
/// The user's Kafka client settings (config file, environment, flags). Confluent Cloud: <c>SASL_SSL</c>,
/// <c>PLAIN</c>, the API key as username and the API secret as password. <see cref="ToString"/> redacts secrets.
/// </summary>
public sealed record KafkaSettings
{
    /// <summary>Settings ClickBatch sets itself because exactly-once reading depends on them; refused from passthrough.</summary>
    public static readonly FrozenSet<string> FixedKeys = FrozenSet.Create(StringComparer.Ordinal,
        "enable.auto.commit", "enable.auto.offset.store", "isolation.level", "auto.offset.reset",
        "enable.partition.eof", "group.id", "group.instance.id", "group.protocol", "partition.assignment.strategy",
        "allow.auto.create.topics", "dotnet.consumer.consume.result.fields");

    /// <summary>Settings with their own option (use it instead) or sized by <see cref="KafkaSourceOptions"/>.</summary>
    public static readonly FrozenDictionary<string, string> DedicatedKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = "bootstrap servers", ["security.protocol"] = "security protocol",
        ["sasl.mechanism"] = "SASL mechanism", ["sasl.mechanisms"] = "SASL mechanism", ["sasl.username"] = "SASL username",
        ["sasl.password"] = "SASL password", ["queued.max.messages.kbytes"] = "source queued kilobytes",
        ["fetch.max.bytes"] = "source fetch max bytes",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Comma-separated <c>host:port</c> list. Required.</summary>
    public string BootstrapServers { get; init; } = string.Empty;

    /// <summary><c>PLAINTEXT</c> (default), <c>SSL</c>, <c>SASL_PLAINTEXT</c> or <c>SASL_SSL</c>.</summary>
    public string? SecurityProtocol { get; init; }

    /// <summary><c>PLAIN</c>, <c>SCRAM-SHA-256</c> or <c>SCRAM-SHA-512</c>; needs a SASL security protocol.</summary>
    public string? SaslMechanism { get; init; }

    /// <summary>SASL username; the API key on Confluent Cloud.</summary>
    public string? SaslUsername { get; init; }

    /// <summary>SASL password; the API secret on Confluent Cloud. Never logged.</summary>
    public string? SaslPassword { get; init; }

    /// <summary>Other librdkafka settings passed through as-is (e.g. <c>ssl.ca.location</c>, <c>client.id</c>).</summary>
    public IReadOnlyDictionary<string, string> Passthrough { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Every problem with these settings, empty when usable.</summary>
    public IReadOnlyList<string> Validate() => KafkaSettingsValidator.Validate(this);

    /// <summary>The librdkafka properties of these settings (passthrough first, dedicated options last).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToClientProperties()
    {
        foreach (var pair in Passthrough)
        {
            yield return pair;
        }

        yield return new("bootstrap.servers", BootstrapServers);
        foreach (var (key, value) in Optional())
        {
            yield return new(key, value);
        }
    }

    /// <summary>Every setting, with passwords and secrets replaced by <c>***</c>.</summary>
    public override string ToString() =>
        "KafkaSettings { " + string.Join(", ", ToClientProperties()
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + SecretRedactor.Redact(p.Key, p.Value))) + " }";

    /// <summary>Replaces every secret value that occurs in <paramref name="text"/> (e.g. a client error echoing a value).</summary>
    public string RedactSecretsIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ToClientProperties()
            .Where(p => SecretRedactor.IsSecret(p.Key) && p.Value.Length > 0)
            .Aggregate(text, (redacted, p) => redacted.Replace(p.Value, SecretRedactor.Mask, StringComparison.Ordinal));
    }

    private IEnumerable<(string Key, string Value)> Optional()
    {
        if (SecurityProtocol is { Length: > 0 } protocol)
        {
            // librdkafka takes any case; Confluent.Kafka's typed properties only parse lower case (sasl_ssl).
            yield return ("security.protocol", protocol.ToLowerInvariant());
        }

        if (SaslMechanism is { Length: > 0 } mechanism)
        {
            yield return ("sasl.mechanism", mechanism.ToUpperInvariant());
        }

        if (SaslUsername is { Length: > 0 } username)
        {
            yield return ("sasl.username", username);
        }

        if (SaslPassword is { Length: > 0 } password)
        {
            yield return ("sasl.password", password);
        }
    }
}
