namespace ClickBatch.Aws;

/// <summary>
/// A request as SigV4 sees it. <see cref="Path"/> is the path as sent on the wire (it is URI-encoded once more
/// for the canonical request, as AWS does for every service but S3); <see cref="Query"/> is the raw query string
/// without '?'; <see cref="Headers"/> are the headers to sign, in sending order, duplicates allowed.
/// </summary>
public sealed record SigV4Request(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadHash);
