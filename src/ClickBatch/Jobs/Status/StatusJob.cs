using ClickBatch.Configuration;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Storage;

namespace ClickBatch.Jobs.Status;

/// <summary>
/// <c>clickbatch status</c>: reads (never writes) the txn offsets of both tables of every topic, the consumer
/// group's offsets, Kafka's watermarks and the ledger's last run, and puts them side by side per partition.
/// </summary>
/// <param name="settings">The run's settings: topics, table URIs, job and group id.</param>
/// <param name="sourceFactory">Creates the Kafka source that reads watermarks and group offsets.</param>
/// <param name="stores">Opens the object store of a table or lake URI (with the AWS settings for <c>s3://</c>).</param>
public sealed class StatusJob(RunSettings settings, Func<IKafkaSource> sourceFactory, Func<string, IObjectStore> stores)
{
    private readonly Func<string, IObjectStore> _stores = stores;

    public async Task<StatusReport> CollectAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PartitionBounds> bounds;
        IReadOnlyDictionary<KafkaPartition, long> group;
        await using (var source = sourceFactory())
        {
            bounds = await source.CaptureBoundsAsync(settings.Topics.Select(t => t.Topic).ToList(), cancellationToken);
            group = await source.GetGroupOffsetsAsync(settings.Source.GroupId, bounds.Select(b => b.Key).ToList(), cancellationToken);
        }

        // Newest first by start: run ids of tasks started in the same second do not sort by time.
        var ledger = new RunLedger(_stores(settings.LakeUri));
        var runs = (await ledger.ReadLatestAsync(
            RunsRead, report => report.Operation == "run" && report.JobId == settings.JobId, cancellationToken))
            .OrderByDescending(r => r.StartedAt).ToList();
        var topics = new List<TopicStatus>();
        foreach (var topic in settings.Topics)
        {
            topics.Add(await TopicAsync(topic, bounds.Where(b => b.Topic == topic.Topic).ToList(), group, runs, cancellationToken));
        }

        return new StatusReport
        {
            JobId = settings.JobId,
            GroupId = settings.Source.GroupId,
            Lake = settings.LakeUri,
            Topics = topics,
            LastRun = runs.Count > 0 ? LastRun.From(runs[0]) : null,
            TaskRuns = TaskRunsOf(runs),
            UnreadableLedgerEntries = ledger.Unreadable,
        };
    }

    /// <summary>Ledger entries read for the per-partition and per-task view: a night of many tasks, and some nights before.</summary>
    private const int RunsRead = 200;

    /// <summary>
    /// The newest run of each task that started within 12 hours of the job's newest run (the same night), newest first.
    /// A task is its Run.TaskId: a rerun on another host or process counts as another task.
    /// </summary>
    private static List<LastRun> TaskRunsOf(IReadOnlyList<RunReport> runs) => runs.Count == 0 ? [] : runs
        .Where(r => r.StartedAt >= runs[0].StartedAt.AddHours(-12))
        .GroupBy(r => r.TaskId ?? r.RunId, StringComparer.Ordinal)
        .Select(g => LastRun.From(g.First()))
        .ToList();

    private async Task<TopicStatus> TopicAsync(
        TopicSettings topic, List<PartitionBounds> bounds, IReadOnlyDictionary<KafkaPartition, long> group, IReadOnlyList<RunReport> runs,
        CancellationToken ct)
    {
        // The run that ended last while still holding the partition held it last (one that handed it to another task
        // mid-run did not); a run without an end (running, or killed) counts from its start.
        var lastHolders = new Dictionary<int, RunReport>();
        foreach (var run in runs.OrderByDescending(r => r.EndedAt ?? r.StartedAt))
        {
            foreach (var partition in run.Topics.Where(t => t.Topic == topic.Topic).SelectMany(t => t.Partitions).Where(p => !p.HandedOver))
            {
                lastHolders.TryAdd(partition.Partition, run);
            }
        }

        var table = await ReadOffsetsAsync(topic.TableUri, ct);
        var rejects = await ReadOffsetsAsync(topic.RejectsTableUri, ct);
        return new TopicStatus
        {
            Topic = topic.Topic,
            Table = topic.TableUri,
            RejectsTable = topic.RejectsTableUri,
            TableLanded = table is not null,
            RejectsTableLanded = rejects is not null,
            Partitions = bounds.Select(b => Partition(b, Offset(table, b), Offset(rejects, b), group) with
            {
                LastRunId = lastHolders.GetValueOrDefault(b.Partition)?.RunId,
                LastTaskId = lastHolders.GetValueOrDefault(b.Partition)?.TaskId,
                LastRunStartedAt = lastHolders.GetValueOrDefault(b.Partition)?.StartedAt,
            }).ToList(),
        };
    }

    private static PartitionStatus Partition(
        PartitionBounds bounds, long? table, long? rejects, IReadOnlyDictionary<KafkaPartition, long> group) => new()
    {
        Partition = bounds.Partition,
        TableOffset = table,
        RejectsOffset = rejects,
        StoredOffset = ResumeOffset.Of(table, rejects, bounds.Earliest),
        GroupOffset = group.TryGetValue(bounds.Key, out var committed) ? committed : null,
        EarliestOffset = bounds.Earliest,
        LatestOffset = bounds.End,
    };

    private long? Offset(Snapshot? snapshot, PartitionBounds bounds) =>
        snapshot?.GetTransactionVersion(settings.AppId(bounds.Topic, bounds.Partition));

    /// <summary>The table's latest snapshot, or null when no run created it yet.</summary>
    private async Task<Snapshot?> ReadOffsetsAsync(string tableUri, CancellationToken ct)
    {
        var log = new DeltaLog(_stores(tableUri));
        return await log.ExistsAsync(ct) ? await log.GetSnapshotAsync(null, ct) : null;
    }
}
