namespace ClickBatch.Kafka;

/// <summary>
/// Where a partition starts when the Delta table has no offset for it yet (first run, or a new partition).
/// Once the table has an offset, that offset wins.
/// </summary>
public enum StartingOffsets
{
    /// <summary>The partition's earliest available offset: read everything Kafka still has (default).</summary>
    Earliest,

    /// <summary>The end captured at start: skip the backlog, read only what arrives for the next run.</summary>
    Latest,

    /// <summary>The offset the Kafka consumer group committed; earliest where the group has none.</summary>
    Group,
}
