namespace ClickBatch.Decoding;

/// <summary>Why a record went to the rejects table. The stable names (<see cref="RejectKinds.Name"/>) are a contract.</summary>
public enum RejectKind
{
    /// <summary>The value is not valid JSON (syntax error, truncated, trailing data).</summary>
    InvalidJson,

    /// <summary>Valid JSON, but not an object (array, string, number, ...).</summary>
    NotAnObject,

    /// <summary>A known field holds a JSON token of another type than its schema type.</summary>
    WrongType,

    /// <summary>A required field is absent.</summary>
    MissingRequiredField,

    /// <summary>A required field is JSON null.</summary>
    NullInRequiredField,

    /// <summary>The value bytes are not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The value is null (a Kafka tombstone).</summary>
    Tombstone,

    /// <summary>The value has zero bytes.</summary>
    EmptyPayload,

    /// <summary>A number does not fit its type without loss (int overflow, decimal precision or scale).</summary>
    NumberOutOfRange,

    /// <summary>A timestamp or date field is not in an accepted format or not a real instant/day.</summary>
    InvalidTimestamp,

    /// <summary>A field of the schema appears twice in the same object.</summary>
    DuplicateField,

    /// <summary>
    /// A string the decoder reads as text (a known field's value, a timestamp, a property name) escapes a lone UTF-16
    /// surrogate (<c>\ud800</c> without its pair), which is no Unicode text. Unknown fields keep such escapes as written.
    /// </summary>
    InvalidEscape,

    /// <summary>
    /// The decoder failed in a way it has no explicit rule for (a ClickBatch bug): its safety net kept the record as
    /// a reject instead of stopping the run. The message names the exception; the raw bytes allow a re-ingest.
    /// </summary>
    InternalError,
}
