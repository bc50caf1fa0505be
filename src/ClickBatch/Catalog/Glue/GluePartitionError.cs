namespace ClickBatch.Catalog.Glue;

/// <summary>Glue "PartitionError": one partition a batch call could not create, delete or update.</summary>
public sealed record GluePartitionError(IReadOnlyList<string>? PartitionValues, GlueErrorDetail? ErrorDetail)
{
    public string Code => ErrorDetail?.ErrorCode ?? "Unknown";

    public override string ToString() =>
        "[" + string.Join(", ", PartitionValues ?? []) + "] " + Code + ": " + ErrorDetail?.ErrorMessage;
}
