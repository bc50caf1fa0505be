namespace ClickBatch.Decoding;

/// <summary>Why the last record could not be decoded: a stable kind and a message naming field, expectation and finding.</summary>
public sealed record DecodeReject(RejectKind Kind, string Message);
