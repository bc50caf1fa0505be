namespace ClickBatch.Kafka;

/// <summary>What a record's Kafka timestamp means (Kafka's own distinction).</summary>
public enum KafkaTimestampType
{
    /// <summary>The record has no timestamp (pre-0.10 message format).</summary>
    NotAvailable,

    /// <summary>Set by the producer.</summary>
    CreateTime,

    /// <summary>Set by the broker when it appended the record.</summary>
    LogAppendTime,
}
