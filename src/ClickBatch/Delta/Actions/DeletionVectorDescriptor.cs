using System.Globalization;
using System.Text.Json.Serialization;

namespace ClickBatch.Delta.Actions;

/// <summary>
/// PROTOCOL.md "Deletion Vector Descriptor Schema". ClickBatch never reads DV contents; it uses
/// <see cref="Cardinality"/> (rows deleted) for row counts and <see cref="UniqueId"/> for reconciliation.
/// </summary>
public sealed record DeletionVectorDescriptor
{
    public string StorageType { get; init; } = string.Empty;

    public string PathOrInlineDv { get; init; } = string.Empty;

    public int? Offset { get; init; }

    public int SizeInBytes { get; init; }

    public long Cardinality { get; init; }

    public long? MaxRowIndex { get; init; }

    /// <summary>storageType + pathOrInlineDv, plus "@" + offset when an offset is present (protocol "Derived Fields").</summary>
    [JsonIgnore]
    public string UniqueId => StorageType + PathOrInlineDv
        + (Offset is { } offset ? "@" + offset.ToString(CultureInfo.InvariantCulture) : string.Empty);
}
