using System.Globalization;
using ClickBatch.Delta.Actions;
using ClickBatch.Parquet;

namespace ClickBatch.Landing;

/// <summary>
/// The add-action tag <c>clickbatch.kafkaOffsets</c>: which offsets of which Kafka partitions a file holds
/// (<c>0:100-199,3:7-7</c>), so backfill, audits and the offsets check find the files of an offset range without
/// opening them. Written by the run, merged by optimize, rewritten by backfill, read by all three.
/// </summary>
internal static class KafkaOffsetsTag
{
    public const string Name = "clickbatch.kafkaOffsets";

    /// <summary>The tag of a file holding these offset ranges, partitions in order.</summary>
    public static string Format(IReadOnlyList<KafkaOffsetRange> ranges) =>
        Format(ranges.OrderBy(r => r.Partition).Select(r => (r.Partition, r.MinOffset, r.MaxOffset)));

    /// <summary>
    /// The tag of a compacted file: per Kafka partition, the lowest and highest offset of any input. When a partition
    /// compacts into several files each gets this (wider) range: the tag may overstate what a file holds, never
    /// understate it, so a backfill that trusts it rewrites a file rather than dropping one it thinks is fully inside a
    /// range.
    /// </summary>
    public static IReadOnlyDictionary<string, string?>? Merge(IReadOnlyList<AddFile> inputs)
    {
        var ranges = new SortedDictionary<int, (long Min, long Max)>();
        foreach (var input in inputs)
        {
            if (input.Tags?.GetValueOrDefault(Name) is not { } tag)
            {
                return null;
            }

            foreach (var (partition, min, max) in Parse(tag))
            {
                ranges[partition] = ranges.TryGetValue(partition, out var r) ? (Math.Min(r.Min, min), Math.Max(r.Max, max)) : (min, max);
            }
        }

        return new Dictionary<string, string?>(StringComparer.Ordinal) { [Name] = Format(ranges.Select(r => (r.Key, r.Value.Min, r.Value.Max))) };
    }

    private static string Format(IEnumerable<(int Partition, long Min, long Max)> entries) =>
        string.Join(',', entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Partition}:{e.Min}-{e.Max}")));

    /// <summary>
    /// The tag's entries, or false when it is empty or cannot be read: a tag we cannot read says nothing we can trust,
    /// so callers fall back to what does not need it (backfill inspects the file's rows, the offsets check skips it).
    /// </summary>
    internal static bool TryParse(string? tag, out List<(int Partition, long Min, long Max)> entries)
    {
        try
        {
            entries = string.IsNullOrEmpty(tag) ? [] : Parse(tag).ToList();
            return entries.Count > 0;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            entries = [];
            return false;
        }
    }

    internal static IEnumerable<(int Partition, long Min, long Max)> Parse(string tag)
    {
        foreach (var entry in tag.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var dash = entry.IndexOf('-', colon + 1);
            yield return (
                int.Parse(entry.AsSpan(0, colon), CultureInfo.InvariantCulture),
                long.Parse(entry.AsSpan(colon + 1, dash - colon - 1), CultureInfo.InvariantCulture),
                long.Parse(entry.AsSpan(dash + 1), CultureInfo.InvariantCulture));
        }
    }
}
