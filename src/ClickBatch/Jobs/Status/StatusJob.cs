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

        var topics = new List<TopicStatus>();
        foreach (var topic in settings.Topics)
        {
            topics.Add(await TopicAsync(topic, bounds.Where(b => b.Topic == topic.Topic).ToList(), group, cancellationToken));
        }

        var lastRun = await new RunLedger(_stores(settings.LakeUri)).ReadLatestAsync(
            1, report => report.Operation == "run" && report.JobId == settings.JobId, cancellationToken);
        return new StatusReport
        {
            JobId = settings.JobId,
            GroupId = settings.Source.GroupId,
            Lake = settings.LakeUri,
            Topics = topics,
            LastRun = lastRun.Count > 0 ? LastRun.From(lastRun[0]) : null,
        };
    }

    private async Task<TopicStatus> TopicAsync(
        TopicSettings topic, List<PartitionBounds> bounds, IReadOnlyDictionary<KafkaPartition, long> group, CancellationToken ct)
    {
        var table = await ReadOffsetsAsync(topic.TableUri, ct);
        var rejects = await ReadOffsetsAsync(topic.RejectsTableUri, ct);
        return new TopicStatus
        {
            Topic = topic.Topic,
            Table = topic.TableUri,
            RejectsTable = topic.RejectsTableUri,
            TableLanded = table is not null,
            RejectsTableLanded = rejects is not null,
            Partitions = bounds.Select(b => Partition(b, Offset(table, b), Offset(rejects, b), group)).ToList(),
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
