namespace ClickBatch.Landing;

/// <summary>
/// Where a run continues a Kafka partition from the offsets its two tables hold (docs/exactly-once.md): the lower
/// of the two. A partition only one table knows (a crash between the first two commits) restarts at its earliest
/// offset; each table then skips what it already has.
/// </summary>
public static class ResumeOffset
{
    /// <returns>The next offset to read, or null when neither table knows the partition.</returns>
    public static long? Of(long? table, long? rejects, long earliest) => (table, rejects) switch
    {
        ({ } data, { } rejected) => Math.Min(data, rejected),
        ({ } data, null) => Math.Min(earliest, data),
        (null, { } rejected) => Math.Min(earliest, rejected),
        _ => null,
    };
}
