namespace ClickBatch.Catalog.Glue;

/// <summary>The outcome of registering one Delta table in Glue, for logs and the run report.</summary>
public sealed record GlueRegistration(string Database, string Table, long DeltaVersion, GlueTableAction TableAction, int PartitionsAdded, int PartitionsRemoved, int PartitionsUpdated = 0);
