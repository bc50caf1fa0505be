namespace ClickBatch.Decoding;

/// <summary>How rows are assigned to the <c>dt</c> partition.</summary>
public enum PartitionMode
{
    /// <summary>No partition column; all files at the table root.</summary>
    None,

    /// <summary><c>dt</c> = UTC day of the schema's event-time field (default).</summary>
    EventDate,

    /// <summary><c>dt</c> = UTC day of the Kafka record timestamp.</summary>
    KafkaDate,
}
