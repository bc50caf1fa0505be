namespace ClickBatch.Delta.Actions;

/// <summary>The <c>domainMetadata</c> action: configuration of a named domain; <see cref="Removed"/> is a tombstone.</summary>
public sealed record DomainMetadataAction
{
    public string Domain { get; init; } = string.Empty;

    public string Configuration { get; init; } = string.Empty;

    public bool Removed { get; init; }
}
