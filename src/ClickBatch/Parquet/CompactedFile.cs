using ClickBatch.Delta.Actions;
using ClickBatch.Storage;

namespace ClickBatch.Parquet;

/// <summary>A data file written by <see cref="FileCompactor"/>: local path, size, rows and the add action's stats JSON.</summary>
public sealed record CompactedFile(string LocalPath, long SizeBytes, long NumRecords, string StatsJson)
{
    /// <summary>
    /// The add action of this file once uploaded to <paramref name="key"/> (relative to the table root), replacing files
    /// of the partition <paramref name="partitionValues"/> (optimize, backfill, promote).
    /// </summary>
    public AddFile ToAdd(string key, IReadOnlyDictionary<string, string?> partitionValues, long now, bool dataChange, IReadOnlyDictionary<string, string?>? tags) => new()
    {
        Path = UriPath.Escape(key),
        PartitionValues = partitionValues,
        Size = SizeBytes,
        ModificationTime = now,
        DataChange = dataChange,
        Stats = StatsJson,
        Tags = tags,
    };
}
