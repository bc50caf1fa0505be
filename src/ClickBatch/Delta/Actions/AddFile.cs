using System.Text.Json.Serialization;

namespace ClickBatch.Delta.Actions;

/// <summary>
/// The <c>add</c> action (PROTOCOL.md "Add File and Remove File"): a logical file of the table. <see cref="Path"/>
/// is a URI reference relative to the table root (decode it with <see cref="Storage.UriPath.Unescape"/>).
/// </summary>
public sealed record AddFile
{
    public string Path { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string?> PartitionValues { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    public long Size { get; init; }

    public long ModificationTime { get; init; }

    public bool DataChange { get; init; }

    /// <summary>Per-file statistics as the JSON string the log stores; parse with <see cref="FileStatistics.Parse"/>.</summary>
    public string? Stats { get; init; }

    public IReadOnlyDictionary<string, string?>? Tags { get; init; }

    public DeletionVectorDescriptor? DeletionVector { get; init; }

    public long? BaseRowId { get; init; }

    public long? DefaultRowCommitVersion { get; init; }

    public string? ClusteringProvider { get; init; }

    /// <summary>
    /// An add for a data file ClickBatch wrote at object key <paramref name="key"/> (relative to the table root, e.g.
    /// <c>event_date=2026-11-01/part-00000-&lt;uuid&gt;.c000.zstd.parquet</c>): the path is stored URI-encoded as the
    /// protocol requires, dataChange is true.
    /// </summary>
    public static AddFile Create(
        string key, IReadOnlyDictionary<string, string?> partitionValues, long size, DateTimeOffset modificationTime, string? stats) => new()
    {
        Path = Storage.UriPath.Escape(key),
        PartitionValues = partitionValues,
        Size = size,
        ModificationTime = modificationTime.ToUnixTimeMilliseconds(),
        DataChange = true,
        Stats = stats,
    };

    /// <summary>The logical file's primary key: (path, deletionVector.uniqueId).</summary>
    [JsonIgnore]
    public LogicalFileKey Key => new(Path, DeletionVector?.UniqueId);
}
