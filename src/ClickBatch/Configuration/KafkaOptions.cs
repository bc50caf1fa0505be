using ClickBatch.Kafka;

namespace ClickBatch.Configuration;

/// <summary>Kafka connection settings. Correctness settings (auto commit, offset store, isolation) are fixed in code.</summary>
public sealed class KafkaOptions
{
    /// <summary>Comma-separated <c>host:port</c> list. Required.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary><c>PLAINTEXT</c> (default), <c>SSL</c>, <c>SASL_PLAINTEXT</c> or <c>SASL_SSL</c> (Confluent Cloud).</summary>
    public string? SecurityProtocol { get; set; }

    /// <summary>SASL mechanism when SASL is used: <c>PLAIN</c> (Confluent Cloud API keys, librdkafka's default), <c>SCRAM-SHA-256</c>, <c>SCRAM-SHA-512</c>.</summary>
    public string? SaslMechanism { get; set; }

    /// <summary>SASL user name, e.g. a Confluent Cloud API key.</summary>
    public string? SaslUsername { get; set; }

    /// <summary>SASL password, e.g. a Confluent Cloud API secret. Never logged; prefer the environment variable.</summary>
    public string? SaslPassword { get; set; }

    /// <summary>Consumer group the job mirrors its offsets to after each commit (for lag tools). Default: the job id.</summary>
    public string? GroupId { get; set; }

    /// <summary>
    /// Seconds a metadata, watermark or group offset request may take before the verb fails with exit 1 (1 to 300,
    /// default 30). This bounds how long an unreachable broker takes to fail: librdkafka keeps reconnecting with backoff
    /// within it, so a broker restart or a slow TLS/SASL handshake on a busy cluster does not fail the night, but a
    /// wrong address or a closed security group fails within this time (docs/kafka.md, "Unreachable brokers").
    /// </summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Extra librdkafka client properties (e.g. <c>ssl.ca.location</c>). Correctness settings are refused.</summary>
    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The source's options these settings decide: the group (default the job id) and the request timeout.</summary>
    public KafkaSourceOptions ToSourceOptions(string jobId) => new()
    {
        GroupId = GroupId ?? jobId,
        RequestTimeout = TimeSpan.FromSeconds(RequestTimeoutSeconds),
    };

    /// <summary>The settings the Kafka stage validates and uses.</summary>
    public KafkaSettings ToSettings() => new()
    {
        BootstrapServers = BootstrapServers ?? string.Empty,
        SecurityProtocol = SecurityProtocol,
        SaslMechanism = SaslMechanism,
        SaslUsername = SaslUsername,
        SaslPassword = SaslPassword,
        Passthrough = new Dictionary<string, string>(Properties, StringComparer.Ordinal),
    };
}
