namespace ClickBatch.Kafka;

/// <summary>
/// Decides, without any I/O, which offsets a run reads from every partition (issue 4, "End bound", "Offsets",
/// "Data loss"). The end is always the bound captured at start; the start is the offset stored in the Delta
/// table, else the <see cref="StartingOffsets"/> mode. See docs/kafka.md for the full rules.
/// </summary>
public static class OffsetPlanner
{
    /// <param name="bounds">Earliest and end of every partition of every topic, captured once at start.</param>
    /// <param name="storedOffsets">Next offset to read per partition from the Delta log's txn actions; may lack partitions.</param>
    /// <param name="groupOffsets">Committed offsets of the consumer group; only used with <see cref="StartingOffsets.Group"/>.</param>
    /// <param name="mode">Start of partitions without a stored offset.</param>
    /// <param name="allowDataLoss">
    /// Continue from earliest where records were deleted unread, and report the gap. Without it a partition with a gap
    /// gets an empty range at its start (it is not read, its offsets stay) and the gap is in <see cref="OffsetPlan.BlockedGaps"/>;
    /// every other partition is planned as usual (issue 13: data loss in one partition must not stop every topic).
    /// </param>
    /// <exception cref="OffsetAheadOfTopicException">A start offset lies past the end, or names a partition the topic lacks.</exception>
    public static OffsetPlan Plan(
        IReadOnlyList<PartitionBounds> bounds,
        IReadOnlyDictionary<KafkaPartition, long> storedOffsets,
        IReadOnlyDictionary<KafkaPartition, long> groupOffsets,
        StartingOffsets mode,
        bool allowDataLoss)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(storedOffsets);
        ArgumentNullException.ThrowIfNull(groupOffsets);
        CheckStoredPartitionsExist(bounds, storedOffsets);
        var ranges = new List<PartitionRange>(bounds.Count);
        var accepted = new List<DataLossGap>();
        var blocked = new List<DataLossGap>();
        foreach (var partition in bounds)
        {
            var (range, gap) = PlanPartition(partition, storedOffsets, groupOffsets, mode);
            if (gap is null)
            {
                ranges.Add(range);
            }
            else if (allowDataLoss)
            {
                ranges.Add(range);
                accepted.Add(gap);
            }
            else
            {
                ranges.Add(range with { From = gap.MissingFrom, To = gap.MissingFrom });
                blocked.Add(gap);
            }
        }

        return new OffsetPlan(ranges, accepted) { BlockedGaps = blocked };
    }

    private static (PartitionRange Range, DataLossGap? Gap) PlanPartition(
        PartitionBounds partition,
        IReadOnlyDictionary<KafkaPartition, long> storedOffsets,
        IReadOnlyDictionary<KafkaPartition, long> groupOffsets,
        StartingOffsets mode)
    {
        CheckBounds(partition);
        var (start, source) = ChooseStart(partition, storedOffsets, groupOffsets, mode);
        CheckNotAhead(partition, start, source);
        var gap = start < partition.Earliest
            ? new DataLossGap(partition.Topic, partition.Partition, start, partition.Earliest)
            : null;
        var from = Math.Max(start, partition.Earliest);
        return (new PartitionRange(partition.Topic, partition.Partition, from, partition.End), gap);
    }

    private static (long Start, string Source) ChooseStart(
        PartitionBounds partition,
        IReadOnlyDictionary<KafkaPartition, long> storedOffsets,
        IReadOnlyDictionary<KafkaPartition, long> groupOffsets,
        StartingOffsets mode)
    {
        if (storedOffsets.TryGetValue(partition.Key, out var stored))
        {
            return (stored, "the Delta table's stored offset");
        }

        return mode switch
        {
            StartingOffsets.Earliest => (partition.Earliest, "earliest"),
            StartingOffsets.Latest => (partition.End, "latest"),
            StartingOffsets.Group when groupOffsets.TryGetValue(partition.Key, out var committed)
                => (committed, "the consumer group's committed offset"),
            StartingOffsets.Group => (partition.Earliest, "earliest (the group has no offset)"),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown starting-offsets mode."),
        };
    }

    private static void CheckBounds(PartitionBounds partition)
    {
        if (partition.Earliest < 0 || partition.End < partition.Earliest)
        {
            throw new ArgumentException(
                $"Bounds of {partition.Key} are inconsistent: earliest {partition.Earliest}, end {partition.End}.",
                nameof(partition));
        }
    }

    private static void CheckNotAhead(PartitionBounds partition, long start, string source)
    {
        if (start > partition.End || start < 0)
        {
            throw (OffsetAheadOfTopicException)new OffsetAheadOfTopicException(
                    $"Topic '{partition.Topic}' partition {partition.Partition}: {source} is {start}, but the partition "
                    + $"ends at {partition.End} (earliest {partition.Earliest}). Expected an offset between earliest and "
                    + "end. Was the topic deleted and recreated? If so, start a new table for it; "
                    + "ClickBatch will not guess which records are new.")
                .With("Topic", partition.Topic).With("Partition", partition.Partition)
                .With("FromOffset", start).With("ToOffset", partition.End);
        }
    }

    private static void CheckStoredPartitionsExist(
        IReadOnlyList<PartitionBounds> bounds, IReadOnlyDictionary<KafkaPartition, long> storedOffsets)
    {
        var topics = bounds.Select(b => b.Topic).ToHashSet(StringComparer.Ordinal);
        var known = bounds.Select(b => b.Key).ToHashSet();
        var missing = storedOffsets.Keys.FirstOrDefault(k => topics.Contains(k.Topic) && !known.Contains(k));
        if (missing.Topic is not null)
        {
            var count = bounds.Count(b => string.Equals(b.Topic, missing.Topic, StringComparison.Ordinal));
            throw (OffsetAheadOfTopicException)new OffsetAheadOfTopicException(
                    $"The Delta table has an offset for topic '{missing.Topic}' partition {missing.Partition}, but the "
                    + $"topic now has {count} partitions. Kafka never removes partitions: the topic was most likely "
                    + "deleted and recreated. Start a new table for it.")
                .With("Topic", missing.Topic).With("Partition", missing.Partition);
        }
    }
}
