namespace ClickBatch.Landing;

/// <summary>What <see cref="TopicFileSink.Add"/> did with one record; every record is exactly one of these.</summary>
public enum SinkOutcome
{
    /// <summary>Decoded and appended as a row of the table.</summary>
    Row,

    /// <summary>Not decodable: appended as a row of the rejects table, with its kind and error.</summary>
    Reject,

    /// <summary>Skipped: the table it decodes to already holds its offset (below that table's stored txn offset).</summary>
    AlreadyLanded,
}
