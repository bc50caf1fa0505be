namespace ClickBatch.Delta.Actions;

/// <summary>The <c>sidecar</c> action of a V2 checkpoint: a Parquet file in <c>_delta_log/_sidecars/</c> with file actions.</summary>
public sealed record SidecarAction
{
    public string Path { get; init; } = string.Empty;

    public long SizeInBytes { get; init; }

    public long ModificationTime { get; init; }

    public IReadOnlyDictionary<string, string?>? Tags { get; init; }
}
