namespace ClickBatch.Delta.Actions;

/// <summary>
/// The fields PROTOCOL.md requires of each action, checked right after a line is parsed: an explicit JSON null where
/// the protocol requires a value (a path, an appId, a schema) is damage, and must surface naming the file rather than
/// as a NullReferenceException deep in replay, a run or a checkpoint (issue 13).
/// </summary>
public static class ActionValidator
{
    /// <summary>What is wrong with the action, or null when every required field is present.</summary>
    public static string? FindProblem(DeltaAction action) =>
        action.Add is { } add ? AddProblem(add)
        : action.Remove is { } remove ? Required(remove.Path, "remove.path")
        : action.Txn is { } txn ? Required(txn.AppId, "txn.appId")
        : action.Metadata is { } metadata ? MetadataProblem(metadata)
        : action.Protocol is { } protocol ? ProtocolProblem(protocol)
        : action.DomainMetadata is { } domain ? Required(domain.Domain, "domainMetadata.domain") ?? Required(domain.Configuration, "domainMetadata.configuration")
        : action.Sidecar is { } sidecar ? Required(sidecar.Path, "sidecar.path")
        : null;

    private static string? AddProblem(AddFile add) =>
        Required(add.Path, "add.path") ?? Required(add.PartitionValues, "add.partitionValues");

    private static string? MetadataProblem(MetadataAction metadata) =>
        Required(metadata.Id, "metaData.id")
        ?? Required(metadata.SchemaString, "metaData.schemaString")
        ?? Required(metadata.PartitionColumns, "metaData.partitionColumns")
        ?? NoNullEntries(metadata.PartitionColumns, "metaData.partitionColumns")
        ?? Required(metadata.Configuration, "metaData.configuration");

    private static string? ProtocolProblem(ProtocolAction protocol) =>
        NoNullEntries(protocol.ReaderFeatures, "protocol.readerFeatures") ?? NoNullEntries(protocol.WriterFeatures, "protocol.writerFeatures");

    private static string? Required(object? value, string field) => value is null ? field + " is null but required" : null;

    private static string? NoNullEntries(IReadOnlyList<string>? values, string field) =>
        values is not null && values.Any(v => v is null) ? field + " holds a null entry" : null;
}
