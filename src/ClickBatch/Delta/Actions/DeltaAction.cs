using System.Text.Json.Serialization;

namespace ClickBatch.Delta.Actions;

/// <summary>
/// One line of a Delta log file: a JSON object with exactly one action key. Unknown actions (e.g. <c>cdc</c>) and
/// unknown fields are ignored, as PROTOCOL.md "Protocol Evolution" requires.
/// </summary>
public sealed record DeltaAction
{
    public AddFile? Add { get; init; }

    public RemoveFile? Remove { get; init; }

    [JsonPropertyName("metaData")]
    public MetadataAction? Metadata { get; init; }

    public ProtocolAction? Protocol { get; init; }

    public TransactionAction? Txn { get; init; }

    public CommitInfoAction? CommitInfo { get; init; }

    public DomainMetadataAction? DomainMetadata { get; init; }

    public SidecarAction? Sidecar { get; init; }

    public CheckpointMetadataAction? CheckpointMetadata { get; init; }

    public static DeltaAction Of(AddFile add) => new() { Add = add };

    public static DeltaAction Of(RemoveFile remove) => new() { Remove = remove };

    public static DeltaAction Of(MetadataAction metadata) => new() { Metadata = metadata };

    public static DeltaAction Of(ProtocolAction protocol) => new() { Protocol = protocol };

    public static DeltaAction Of(TransactionAction txn) => new() { Txn = txn };

    public static DeltaAction Of(CommitInfoAction commitInfo) => new() { CommitInfo = commitInfo };

    public static DeltaAction Of(DomainMetadataAction domainMetadata) => new() { DomainMetadata = domainMetadata };
}
