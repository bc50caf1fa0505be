namespace ClickBatch.Aws;

/// <summary>The result of signing, with the intermediate strings kept for tests and for debugging signature mismatches.</summary>
public sealed record SigV4Signature(
    string CanonicalRequest,
    string StringToSign,
    string SignedHeaders,
    string Signature,
    string Authorization);
