namespace ClickBatch.Errors;

/// <summary>
/// The process exit codes, one meaning each. README "Exit codes" lists them; scripts and the ECS alarm rely on them.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>An unexpected or infrastructure failure (broker, object store, catalog unreachable after retries).</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or configuration; nothing was read or written.</summary>
    public const int Usage = 2;

    /// <summary>Retention deleted records the job had not read yet; rerun with --allow-data-loss to accept the gap.</summary>
    public const int DataLoss = 3;

    /// <summary>More records were rejected than --max-reject-ratio allows; what was committed stays committed.</summary>
    public const int RejectThreshold = 4;

    /// <summary>Another writer advanced the same Kafka partitions or changed the table; nothing of this run was duplicated.</summary>
    public const int Conflict = 5;

    /// <summary>
    /// Data landed and committed (group offsets too); Redshift Spectrum did not see the expected rows, or the check
    /// could not run. Run <c>clickbatch register</c>, then investigate (the run report's spectrumCheck names the partitions).
    /// </summary>
    public const int CatalogCheckFailed = 6;

    /// <summary>Stopped by SIGINT or SIGTERM after committing what was complete.</summary>
    public const int Interrupted = 130;
}
