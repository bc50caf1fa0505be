namespace ClickBatch.Generation;

/// <summary>
/// The kinds of bad records <c>--malformed-ratio</c> injects, as seen from real producers. Stable names for
/// reports and tests come from <see cref="MalformedKinds.Name"/>. All but <see cref="UnknownExtraFields"/> must be
/// rejected by a decoder; a record with unknown extra fields is valid and must be kept.
/// </summary>
public enum MalformedKind : byte
{
    /// <summary>JSON cut off mid-record (a producer crashed mid-write): <c>truncated-json</c>.</summary>
    TruncatedJson = 0,

    /// <summary>A field of the wrong JSON type, e.g. <c>"user_id":"abc"</c> or <c>"price":"12,50"</c>: <c>wrong-types</c>.</summary>
    WrongTypes = 1,

    /// <summary>A required field left out: <c>missing-required-field</c>.</summary>
    MissingRequiredField = 2,

    /// <summary>Latin-1 bytes inside a string, not valid UTF-8: <c>non-utf8-bytes</c>.</summary>
    NonUtf8Bytes = 3,

    /// <summary>A valid record with fields the schema does not know (a newer producer); keep it: <c>unknown-extra-fields</c>.</summary>
    UnknownExtraFields = 4,

    /// <summary>A required field present as JSON <c>null</c>: <c>null-required-field</c>.</summary>
    NullRequiredField = 5,

    /// <summary>A zero-byte value (not null): <c>empty-payload</c>.</summary>
    EmptyPayload = 6,

    /// <summary>A record whose value is null (a Kafka tombstone): <c>tombstone</c>.</summary>
    Tombstone = 7,
}
