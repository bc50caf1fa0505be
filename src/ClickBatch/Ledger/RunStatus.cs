using System.Text.Json.Serialization;

namespace ClickBatch.Ledger;

/// <summary>How a run ended, as recorded in its ledger entry. Each maps to one exit code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Still running, or killed before it could record an end (SIGKILL, OOM, lost task).</summary>
    Running,

    /// <summary>Every partition read up to its end bound and committed.</summary>
    Succeeded,

    /// <summary>Ended by an error; what was committed before it stays committed.</summary>
    Failed,

    /// <summary>Retention deleted unread records and --allow-data-loss was not given.</summary>
    DataLoss,

    /// <summary>Rejects exceeded --max-reject-ratio; the chunk that crossed it was not committed.</summary>
    RejectThresholdExceeded,

    /// <summary>Another writer advanced the same partitions or changed the table.</summary>
    Conflict,

    /// <summary>Stopped by SIGINT or SIGTERM after committing what was complete.</summary>
    Interrupted,

    /// <summary>
    /// Everything was read and committed (group offsets too), but the Redshift Spectrum check found partitions whose
    /// count differs from the Delta snapshot, or could not run; see the report's spectrumCheck.
    /// </summary>
    CatalogCheckFailed,
}
