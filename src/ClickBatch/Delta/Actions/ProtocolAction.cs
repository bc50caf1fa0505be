namespace ClickBatch.Delta.Actions;

/// <summary>
/// The <c>protocol</c> action. <see cref="ReaderFeatures"/> exists only with reader version 3 and
/// <see cref="WriterFeatures"/> only with writer version 7 (PROTOCOL.md "Table Features").
/// </summary>
public sealed record ProtocolAction
{
    public int MinReaderVersion { get; init; }

    public int MinWriterVersion { get; init; }

    public IReadOnlyList<string>? ReaderFeatures { get; init; }

    public IReadOnlyList<string>? WriterFeatures { get; init; }
}
