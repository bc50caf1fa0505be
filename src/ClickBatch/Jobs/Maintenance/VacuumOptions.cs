namespace ClickBatch.Jobs.Maintenance;

/// <summary>What <c>clickbatch vacuum</c> cleans, validated by the verb.</summary>
public sealed record VacuumOptions
{
    /// <summary>The retention the verb refuses to go below without --force.</summary>
    public static readonly TimeSpan SafeMinimumRetention = TimeSpan.FromHours(24);

    /// <summary>Lake root: a local folder or s3://bucket/prefix. Tables are &lt;lake&gt;/&lt;table&gt;.</summary>
    public required string LakeUri { get; init; }

    /// <summary>Tables under the lake to vacuum; tables that do not exist are skipped.</summary>
    public required IReadOnlyList<string> Tables { get; init; }

    /// <summary>
    /// Unreferenced files younger than this are kept. Default 7 days. A file the log removed is kept at least for the
    /// table's delta.deletedFileRetentionDuration (default 7 days) unless <see cref="Force"/>.
    /// </summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Also delete removed files younger than the table's delta.deletedFileRetentionDuration (the verb's --force, which
    /// also allows a retention below <see cref="SafeMinimumRetention"/>). Default false.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>List what would be deleted, delete nothing. Default false.</summary>
    public bool DryRun { get; init; }
}
