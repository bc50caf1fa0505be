namespace ClickBatch.Generation;

/// <summary>Why a record is in the stream.</summary>
public enum RecordRole : byte
{
    /// <summary>A click or checkout event, produced once.</summary>
    Event = 0,

    /// <summary>An exact byte-for-byte re-send of an <see cref="Event"/> (same id, same time), as retrying producers do.</summary>
    Duplicate = 1,

    /// <summary>A bad record of a <see cref="MalformedKind"/>; only <see cref="MalformedKind.UnknownExtraFields"/> is valid.</summary>
    Malformed = 2,
}
