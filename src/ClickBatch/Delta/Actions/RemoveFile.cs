using System.Text.Json.Serialization;

namespace ClickBatch.Delta.Actions;

/// <summary>The <c>remove</c> action: a tombstone for a logical file, kept until deletedFileRetentionDuration.</summary>
public sealed record RemoveFile
{
    public string Path { get; init; } = string.Empty;

    public long? DeletionTimestamp { get; init; }

    public bool DataChange { get; init; }

    public bool? ExtendedFileMetadata { get; init; }

    public IReadOnlyDictionary<string, string?>? PartitionValues { get; init; }

    public long? Size { get; init; }

    public string? Stats { get; init; }

    public IReadOnlyDictionary<string, string?>? Tags { get; init; }

    public DeletionVectorDescriptor? DeletionVector { get; init; }

    public long? BaseRowId { get; init; }

    public long? DefaultRowCommitVersion { get; init; }

    [JsonIgnore]
    public LogicalFileKey Key => new(Path, DeletionVector?.UniqueId);

    /// <summary>
    /// The tombstone for an active file, carrying its partition values, size and tags: PROTOCOL.md "Add File and Remove
    /// File", extendedFileMetadata "When true the fields partitionValues, size, and tags are present".
    /// </summary>
    public static RemoveFile For(AddFile file, long deletionTimestamp, bool dataChange = true) => new()
    {
        Path = file.Path,
        DeletionTimestamp = deletionTimestamp,
        DataChange = dataChange,
        ExtendedFileMetadata = true,
        PartitionValues = file.PartitionValues,
        Size = file.Size,
        Tags = file.Tags,
        DeletionVector = file.DeletionVector,
    };
}
