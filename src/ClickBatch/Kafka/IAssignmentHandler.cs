namespace ClickBatch.Kafka;

/// <summary>
/// What a run does when the consumer group moves partitions (group assignment, docs/scale-out.md). Called on the
/// read's thread from inside the poll, between chunks: the records of every chunk handed out before were handed in
/// whole, none of the chunk being read is. A call that throws stops the read with that exception once the poll returns.
/// </summary>
public interface IAssignmentHandler
{
    /// <summary>
    /// The group assigned these partitions, with their earliest and end offsets captured now: returns the range to read
    /// of each (from where the Delta log says the partition stands; an empty range reads nothing).
    /// </summary>
    IReadOnlyList<PartitionRange> Assigned(IReadOnlyList<PartitionBounds> partitions);

    /// <summary>
    /// The group takes these partitions away once this returns: commit what was read of them (the next holder resumes
    /// from the Delta log), and stop holding them. Records of them not yet handed out are dropped unread.
    /// </summary>
    void Revoked(IReadOnlyList<KafkaPartition> partitions);
}
