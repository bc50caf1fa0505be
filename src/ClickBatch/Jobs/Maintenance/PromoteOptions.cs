namespace ClickBatch.Jobs.Maintenance;

/// <summary>What <c>clickbatch promote</c> rewrites, validated by the verb.</summary>
public sealed record PromoteOptions
{
    /// <summary>Lake root: a local folder or s3://bucket/prefix. Tables are &lt;lake&gt;/&lt;table&gt;.</summary>
    public required string LakeUri { get; init; }

    /// <summary>Tables under the lake; tables that do not exist, or have no <c>_unknown_fields</c> column (rejects tables), are skipped.</summary>
    public required IReadOnlyList<string> Tables { get; init; }

    /// <summary>Only this partition (e.g. <c>dt=2026-11-22</c>); default every partition.</summary>
    public string? Partition { get; init; }

    /// <summary>Say what would move; commit nothing. Default false.</summary>
    public bool DryRun { get; init; }

    /// <summary>Glue database the tables are registered in; when set, Glue follows the new snapshot. Default none.</summary>
    public string? GlueDatabase { get; init; }

    /// <summary>Local folder for downloaded and rewritten files; default a fresh folder under the temp directory.</summary>
    public string StagingDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "clickbatch-promote-" + Guid.NewGuid().ToString("N"));
}
