namespace ClickBatch.Catalog.Glue;

/// <summary>Glue "ErrorDetail" of one item of a batch call.</summary>
public sealed record GlueErrorDetail(string? ErrorCode, string? ErrorMessage);
