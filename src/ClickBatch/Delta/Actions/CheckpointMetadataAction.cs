namespace ClickBatch.Delta.Actions;

/// <summary>The <c>checkpointMetadata</c> action: present exactly once in a V2 spec checkpoint.</summary>
public sealed record CheckpointMetadataAction
{
    public long Version { get; init; }

    public IReadOnlyDictionary<string, string?>? Tags { get; init; }
}
