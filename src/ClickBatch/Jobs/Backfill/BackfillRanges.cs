using System.Globalization;
using ClickBatch.Decoding;
using ClickBatch.Delta.Actions;
using ClickBatch.Kafka;
using ClickBatch.Landing;

namespace ClickBatch.Jobs.Backfill;

/// <summary>
/// The offsets a backfill replaces: per Kafka partition of one topic, <c>[From, To)</c>. Decides which files hold
/// rows of the range from their <see cref="KafkaOffsetsTag.Name"/> (a tag may overstate a file's offsets,
/// never understate them, so "every offset inside" is safe to remove whole) and which rows to drop.
/// </summary>
public sealed class BackfillRanges
{
    private readonly Dictionary<int, PartitionRange> _byPartition;

    public BackfillRanges(IReadOnlyList<PartitionRange> ranges)
    {
        Ranges = ranges;
        _byPartition = ranges.ToDictionary(r => r.Partition);
    }

    public IReadOnlyList<PartitionRange> Ranges { get; }

    /// <summary>The commit's readable predicate, e.g. <c>_kafka_partition = 0 AND _kafka_offset &gt;= 100 AND _kafka_offset &lt; 200 OR ...</c>.</summary>
    public string Predicate => string.Join(" OR ", Ranges.Select(r => string.Create(CultureInfo.InvariantCulture,
        $"{MetadataColumns.KafkaPartition} = {r.Partition} AND {MetadataColumns.KafkaOffset} >= {r.From} AND {MetadataColumns.KafkaOffset} < {r.To}")));

    public bool Contains(int partition, long offset) =>
        _byPartition.TryGetValue(partition, out var range) && offset >= range.From && offset < range.To;

    public FileVerdict Judge(AddFile file)
    {
        if (!KafkaOffsetsTag.TryParse(file.Tags?.GetValueOrDefault(KafkaOffsetsTag.Name), out var entries))
        {
            return FileVerdict.Rewrite;
        }

        if (!entries.Any(Overlaps))
        {
            return FileVerdict.Keep;
        }

        return entries.All(Inside) ? FileVerdict.Remove : FileVerdict.Rewrite;
    }

    /// <summary>
    /// A commit that won the race for our version and added rows (dataChange=true) of the range, or rows it cannot
    /// vouch for (no tag), would be duplicated or lost by our commit: another backfill of the same offsets.
    /// The daily run appends only offsets at or past its stored offsets, which a backfill never reaches.
    /// </summary>
    public string? ConflictReason(DeltaAction action) =>
        action.Add is { DataChange: true } add && Judge(add) != FileVerdict.Keep
            ? "added file '" + add.Path + "' holding Kafka offsets of this backfill's range (another backfill of the same offsets?)"
            : null;

    private bool Overlaps((int Partition, long Min, long Max) entry) =>
        _byPartition.TryGetValue(entry.Partition, out var range) && entry.Min < range.To && entry.Max >= range.From;

    private bool Inside((int Partition, long Min, long Max) entry) =>
        _byPartition.TryGetValue(entry.Partition, out var range) && entry.Min >= range.From && entry.Max < range.To;
}
