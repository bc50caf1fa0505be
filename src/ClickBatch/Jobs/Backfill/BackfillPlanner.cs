using ClickBatch.Decoding;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Errors;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Storage;

namespace ClickBatch.Jobs.Backfill;

/// <summary>
/// Resolves a backfill's bounds per partition and refuses, with every problem at once (exit 2, nothing read or
/// written), what it must not do: a range past the offset both tables hold (the daily job's stored txn offsets; a
/// backfill never overtakes or moves them), below the earliest offset Kafka keeps, empty, or on an unknown
/// topic, partition or table.
/// </summary>
internal sealed class BackfillPlanner(IKafkaSource source, Func<string, IObjectStore> stores)
{
    public async Task<BackfillPlan> PlanAsync(BackfillOptions options, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var topic = options.Topic;
        var data = await OpenAsync(topic.TableUri, TableLayout.ForTopic(topic.Schema, topic.Partitioning), problems, cancellationToken);
        var rejects = await OpenAsync(topic.RejectsTableUri, TableLayout.Rejects, problems, cancellationToken);
        var (captured, unreadable) = await BoundsAsync(topic.Topic, cancellationToken);
        if (unreadable is not null)
        {
            // A topic Kafka does not have is the cluster's state, exit 1 as in run and status (README, "Exit codes"); with
            // other problems too, the options must be fixed anyway: exit 2 listing them all.
            return problems.Count == 0 ? throw unreadable : throw new ConfigurationException([.. problems, unreadable.Message]);
        }

        var selected = Select(captured, options.Partitions, topic.Topic, problems);
        var partitions = new List<BackfillPartition>();
        if (data is not null && rejects is not null && selected.Count > 0)
        {
            var from = await ResolveAsync(options.From, "--from", topic.Topic, selected, problems, cancellationToken);
            var to = await ResolveAsync(options.To, "--to", topic.Topic, selected, problems, cancellationToken);
            foreach (var bounds in selected.Where(b => from.ContainsKey(b.Partition) && to.ContainsKey(b.Partition)))
            {
                var stored = Stored(options, data, rejects, bounds.Partition);
                var partition = new BackfillPartition(bounds.Partition, from[bounds.Partition], to[bounds.Partition], bounds.Earliest, stored ?? 0);
                var byTime = options.From.Timestamp is not null || options.To.Timestamp is not null;
                problems.AddRange(Check(topic.Topic, partition, stored, options.Settings.JobId, emptyAllowed: byTime));
                partitions.Add(partition);
            }
        }

        return problems.Count > 0 ? throw new ConfigurationException(problems) : new BackfillPlan(options, partitions, data!, rejects!);
    }

    private async Task<Snapshot?> OpenAsync(string tableUri, TableLayout layout, List<string> problems, CancellationToken cancellationToken)
    {
        var log = new DeltaLog(stores(tableUri));
        if (!await log.ExistsAsync(cancellationToken))
        {
            problems.Add("no Delta table at " + tableUri + ": a backfill replaces rows `clickbatch run` landed; run it first (same --lake and config).");
            return null;
        }

        var snapshot = await log.GetSnapshotAsync(null, cancellationToken);
        DeltaWriteSupport.EnsureCanWrite(snapshot.Table, snapshot.Protocol, snapshot.Metadata);
        var expected = TableDefinitions.SchemaOf(layout);
        if (!snapshot.Schema.Equals(expected) || !snapshot.PartitionColumns.SequenceEqual(layout.PartitionColumn is { } c ? [c] : [], StringComparer.Ordinal))
        {
            problems.Add("table " + tableUri + " has schema " + snapshot.Schema.ToTypeString() + " partitioned by [" + string.Join(", ", snapshot.PartitionColumns)
                + "], but the topic's configured schema gives " + expected.ToTypeString() + ": backfill with the config the table was landed with.");
        }

        return snapshot;
    }

    private async Task<(IReadOnlyList<PartitionBounds> Bounds, KafkaSourceException? Unreadable)> BoundsAsync(string topic, CancellationToken cancellationToken)
    {
        try
        {
            return (await source.CaptureBoundsAsync([topic], cancellationToken), null);
        }
        catch (KafkaSourceException ex) when (!ex.IsTransient)
        {
            return ([], ex);
        }
    }

    private static List<PartitionBounds> Select(IReadOnlyList<PartitionBounds> bounds, IReadOnlyList<int>? wanted, string topic, List<string> problems)
    {
        if (wanted is null)
        {
            return bounds.ToList();
        }

        foreach (var unknown in wanted.Where(p => bounds.Count > 0 && bounds.All(b => b.Partition != p)))
        {
            problems.Add($"topic '{topic}' has no partition {unknown}; its partitions are {string.Join(",", bounds.Select(b => b.Partition))}.");
        }

        return bounds.Where(b => wanted.Contains(b.Partition)).ToList();
    }

    private async Task<Dictionary<int, long>> ResolveAsync(
        OffsetBound bound, string flag, string topic, List<PartitionBounds> partitions, List<string> problems, CancellationToken cancellationToken)
    {
        if (bound.Offset is { } offset)
        {
            return partitions.ToDictionary(p => p.Partition, _ => offset);
        }

        var at = bound.Timestamp!.Value;
        var found = await source.GetOffsetsForTimesAsync(topic, partitions.Select(p => p.Partition).ToList(), at, cancellationToken);
        var resolved = new Dictionary<int, long>();
        var unanswered = new List<PartitionBounds>();
        foreach (var p in partitions)
        {
            // -1 (librdkafka's End) is "no record at or after that time". An answer at or past the end offset captured
            // above (a record produced since) says the same within the captured range.
            if (found.GetValueOrDefault(p.Partition) is { } offsetAt && offsetAt < p.End)
            {
                resolved[p.Partition] = offsetAt;
            }
            else
            {
                unanswered.Add(p);
            }
        }

        var older = await AllOlderThanAsync(topic, unanswered, at, cancellationToken);
        foreach (var p in unanswered)
        {
            if (older.Contains(p.Partition))
            {
                resolved[p.Partition] = p.End;
                continue;
            }

            problems.Add($"topic '{topic}' partition {p.Partition}: the broker returned no offset for {flag} {bound} (\"no record at or after that time\"), "
                + "but the partition's newest records are not all older than it: the broker does not resolve times to offsets. "
                + $"Give {flag} as an offset instead; the partition holds offsets {p.Earliest} to {p.End - 1}.");
        }

        return resolved;
    }

    /// <summary>
    /// The partitions whose newest records (the last <see cref="TailOffsets"/> offsets before the captured end) are all
    /// older than <paramref name="at"/>, or that hold no record. For them "no offset" is the truth, and the bound is the
    /// end: an idle partition's "--to tomorrow" means all it has, its "--from tomorrow" means nothing. A broker that
    /// answers "no offset" for every time (one without offsets-for-times, like librdkafka's mock) fails this check
    /// whenever the partition holds a newer record, so it never silently turns into a bound.
    /// </summary>
    private async Task<HashSet<int>> AllOlderThanAsync(string topic, List<PartitionBounds> partitions, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var older = partitions.Where(p => p.End <= p.Earliest).Select(p => p.Partition).ToHashSet();
        var tails = partitions.Where(p => p.End > p.Earliest)
            .Select(p => new PartitionRange(topic, p.Partition, Math.Max(p.Earliest, p.End - TailOffsets), p.End)).ToList();
        if (tails.Count == 0)
        {
            return older;
        }

        var newest = new Dictionary<int, long>();
        await foreach (var batch in source.ReadAsync(tails, cancellationToken))
        {
            foreach (var record in batch.Records)
            {
                newest[record.Partition] = Math.Max(newest.GetValueOrDefault(record.Partition, long.MinValue), record.TimestampMs);
            }
        }

        var ms = at.ToUnixTimeMilliseconds();
        older.UnionWith(newest.Where(n => n.Value < ms).Select(n => n.Key));
        return older;
    }

    /// <summary>How many of a partition's last offsets are read to check a "no offset" answer (markers may hold some).</summary>
    private const int TailOffsets = 100;

    /// <summary>The offset both tables hold: the lower of the two txn versions; null when either never landed the partition.</summary>
    private static long? Stored(BackfillOptions options, Snapshot data, Snapshot rejects, int partition)
    {
        var appId = options.Settings.AppId(options.Topic.Topic, partition);
        return data.GetTransactionVersion(appId) is { } d && rejects.GetTransactionVersion(appId) is { } r ? Math.Min(d, r) : null;
    }

    // emptyAllowed: a bound is a timestamp. A partition without records in the time window resolves to from == to
    // and has nothing to replace; with offsets, an empty range is a mistake.
    private static IEnumerable<string> Check(string topic, BackfillPartition p, long? stored, string jobId, bool emptyAllowed)
    {
        var at = $"topic '{topic}' partition {p.Partition}: ";
        if (p.From == p.To && emptyAllowed)
        {
            // A time window holding no record of this partition (both bounds resolved to one offset, even one past what
            // the run landed yet): nothing to replace, so nothing to refuse. It is reported with an empty range.
            yield break;
        }

        if (p.From > p.To || (p.From == p.To && !emptyAllowed))
        {
            yield return at + $"--from {p.From} is not below --to {p.To}; the range [from, to) is empty (--to is exclusive, like Kafka end offsets).";
        }

        if (p.From < p.Earliest)
        {
            yield return at + $"--from {p.From} is below the earliest offset Kafka still holds ({p.Earliest}); retention deleted [{p.From}, {p.Earliest}). Use --from {p.Earliest} or later.";
        }

        if (stored is null)
        {
            yield return at + $"job '{jobId}' has not landed this partition in both tables yet (no txn offset); there is nothing to replace. Let `clickbatch run` land it first (check --job-id).";
        }
        else if (p.To > stored)
        {
            yield return at + $"--to {p.To} is beyond the offset both tables hold ({stored}, job '{jobId}'). A backfill only replaces what `clickbatch run` landed "
                + $"and never moves its offsets: use --to {stored} or lower, and let the daily run land the rest.";
        }
    }
}
