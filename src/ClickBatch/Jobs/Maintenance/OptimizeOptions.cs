namespace ClickBatch.Jobs.Maintenance;

/// <summary>What <c>clickbatch optimize</c> compacts, validated by the verb.</summary>
public sealed record OptimizeOptions
{
    /// <summary>Lake root: a local folder or s3://bucket/prefix. Tables are &lt;lake&gt;/&lt;table&gt;.</summary>
    public required string LakeUri { get; init; }

    /// <summary>Tables under the lake to compact; tables that do not exist are skipped.</summary>
    public required IReadOnlyList<string> Tables { get; init; }

    /// <summary>Only this partition (e.g. <c>dt=2026-11-22</c>); default every partition.</summary>
    public string? Partition { get; init; }

    /// <summary>Files smaller than this are compacted into files of about this size. Default 128 MiB.</summary>
    public long TargetFileBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Print the plan, write nothing. Default false.</summary>
    public bool DryRun { get; init; }

    /// <summary>Glue database the tables are registered in; when set, Glue follows the new snapshot. Default none.</summary>
    public string? GlueDatabase { get; init; }

    /// <summary>Local folder for downloaded and rewritten files; default a fresh folder under the temp directory.</summary>
    public string StagingDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "clickbatch-optimize-" + Guid.NewGuid().ToString("N"));
}
