namespace ClickBatch.Aws;

/// <summary>What a signature is scoped to: the region and the service's signing name (e.g. "glue", "redshift-data").</summary>
public sealed record SigV4Scope(string Region, string Service);
