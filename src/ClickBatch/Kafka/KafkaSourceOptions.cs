namespace ClickBatch.Kafka;

/// <summary>
/// How the bounded source reads. Memory is bounded by these numbers, not by the backlog: at most
/// <see cref="QueuedMaxKilobytes"/> prefetched by librdkafka plus one chunk held by the caller.
/// </summary>
public sealed record KafkaSourceOptions
{
    /// <summary>Consumer group id: offsets are committed to it (for lag tools) and read from it (--starting-offsets group). Required.</summary>
    public string GroupId { get; init; } = string.Empty;

    /// <summary>
    /// Most records in one chunk handed to the caller. Default 16,000. A chunk spans several partitions' fetched batches
    /// (a fetch delivers one partition's batch of a few thousand records after the other), so the writer threads, which
    /// split a chunk by partition, all get work from it; at 2,000 a chunk was mostly one partition's and one thread did
    /// everything (docs/benchmarks.md, issue 15). The records list and the payloads are reused (two chunks' worth, for
    /// the read-ahead), so a larger chunk costs memory, not allocations.
    /// </summary>
    public int MaxChunkRecords { get; init; } = 16_000;

    /// <summary>Most key and value bytes in one chunk (a chunk may exceed it by one record). Default 8 MiB (see <see cref="MaxChunkRecords"/>).</summary>
    public int MaxChunkBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// Chunks a read keeps in memory of their own, reused in turn (<see cref="ConfluentKafkaSource.ReadAsync"/>): the one
    /// being read ahead and up to <c>ReadBuffers - 1</c> that writer threads still write, so a writer thread busy
    /// encoding a row group holds back neither the other threads nor the read (docs/benchmarks.md, issue 15). Default 3;
    /// each costs up to <see cref="MaxChunkBytes"/>. A group read keeps two: a rebalance needs the writers idle anyway.
    /// </summary>
    public int ReadBuffers { get; init; } = 3;

    /// <summary>
    /// librdkafka <c>queued.max.messages.kbytes</c>: prefetch buffer, in KiB. Default 16,384 (16 MiB): with the fetch
    /// queue backoff below it keeps the reader fed, and 64 MiB only added resident memory (docs/benchmarks.md).
    /// </summary>
    public int QueuedMaxKilobytes { get; init; } = 16_384;

    /// <summary>
    /// librdkafka <c>fetch.queue.backoff.ms</c>: how long fetching pauses once the prefetch buffer is full. Default 10 ms;
    /// librdkafka's own 1,000 ms left the reader waiting for a full second every time it emptied a full buffer, a third
    /// of a drain's wall time (docs/benchmarks.md). A value in <c>Kafka.Properties</c> wins.
    /// </summary>
    public int FetchQueueBackoffMs { get; init; } = 10;

    /// <summary>librdkafka <c>fetch.max.bytes</c>: most bytes one fetch response carries. Default 16 MiB.</summary>
    public int FetchMaxBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Timeout of metadata, watermark and group offset requests, and so how long an unreachable broker takes to fail.
    /// Default 30 s; the setting <c>Kafka.RequestTimeoutSeconds</c>.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Fail when no assigned partition moved toward its end for this long (brokers gone, a transaction left open
    /// past the end). Default 5 minutes.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Group assignment: how long a task that holds no partition waits for the group to give it some before it ends.
    /// Default 5 s: a task joining a running group gets an empty assignment first, and the partitions the others give up
    /// within a heartbeat or two (heartbeat.interval.ms, default 3 s). A task holding partitions ends once they are done.
    /// </summary>
    public TimeSpan GroupIdleWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem with these options, empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Require(!string.IsNullOrWhiteSpace(GroupId), "Kafka consumer group id is missing.", problems);
        Require(MaxChunkRecords >= 1, $"Chunk record limit is {MaxChunkRecords}; expected at least 1.", problems);
        Require(MaxChunkBytes >= 1024, $"Chunk byte limit is {MaxChunkBytes}; expected at least 1024.", problems);
        Require(ReadBuffers is >= 2 and <= 16, $"Read buffers is {ReadBuffers}; expected 2 to 16.", problems);
        Require(QueuedMaxKilobytes is >= 1024 and <= 2_097_151,
            $"Queued kilobytes is {QueuedMaxKilobytes}; expected 1024 to 2097151 (librdkafka's range).", problems);
        Require(FetchQueueBackoffMs is >= 0 and <= 300_000,
            $"Fetch queue backoff is {FetchQueueBackoffMs} ms; expected 0 to 300000 (librdkafka's range).", problems);
        Require(FetchMaxBytes is >= 1_000_000 and <= 100_000_000,
            $"Fetch max bytes is {FetchMaxBytes}; expected 1000000 to 100000000.", problems);
        Require(RequestTimeout >= TimeSpan.FromSeconds(1) && RequestTimeout <= TimeSpan.FromSeconds(300),
            $"Kafka.RequestTimeoutSeconds is {RequestTimeout.TotalSeconds:0.###}; expected 1 to 300.", problems);
        Require(StallTimeout > TimeSpan.Zero, "Kafka stall timeout must be positive.", problems);
        return problems;
    }

    private static void Require(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
