namespace ClickBatch.Kafka;

/// <summary>What one poll of the consumer queue returned.</summary>
internal enum PollResult
{
    /// <summary>Nothing within the timeout.</summary>
    Nothing,

    /// <summary>A record.</summary>
    Record,

    /// <summary>The end of a partition: the record carries its topic, partition and next offset, no payload.</summary>
    EndOfPartition,

    /// <summary>A record the caller does not want (before its position or past its end): topic, partition and offset only.</summary>
    Unwanted,
}
