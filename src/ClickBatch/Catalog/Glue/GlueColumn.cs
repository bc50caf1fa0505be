namespace ClickBatch.Catalog.Glue;

/// <summary>A Glue column (JSON "Column"): name and Hive type, e.g. "struct&lt;a:int,b:array&lt;string&gt;&gt;".</summary>
public sealed record GlueColumn(string Name, string Type, string? Comment = null);
