namespace ClickBatch.Catalog.Glue;

/// <summary>
/// Glue "PartitionError" (create, delete) or "BatchUpdatePartitionFailureEntry" (update, which names the values
/// PartitionValueList): one partition a batch call could not change.
/// </summary>
public sealed record GluePartitionError(IReadOnlyList<string>? PartitionValues, GlueErrorDetail? ErrorDetail, IReadOnlyList<string>? PartitionValueList = null)
{
    public string Code => ErrorDetail?.ErrorCode ?? "Unknown";

    public override string ToString() =>
        "[" + string.Join(", ", PartitionValues ?? PartitionValueList ?? []) + "] " + Code + ": " + ErrorDetail?.ErrorMessage;
}
