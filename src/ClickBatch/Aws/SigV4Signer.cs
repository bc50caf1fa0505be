using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ClickBatch.Aws;

/// <summary>
/// AWS Signature Version 4 for HTTP requests, header variant, for services other than S3 (paths are normalized
/// and encoded twice). Our own implementation: AWSSDK.Core's AWS4Signer lives in an Internal namespace with no
/// stability promise. Checked against the AWS SigV4 test suite (tests/ClickBatch.Tests/Aws/SigV4TestSuite).
/// </summary>
public static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>SHA-256 of the empty payload, hex.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    // Headers that proxies and the HTTP stack may add or rewrite; signing them would break the signature.
    private static readonly HashSet<string> UnsignedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "user-agent", "x-amzn-trace-id", "expect", "connection", "transfer-encoding",
        "content-length",
    };

    /// <summary>Signs a request whose headers already include Host, X-Amz-Date and any X-Amz-Security-Token.</summary>
    public static SigV4Signature Sign(SigV4Request request, AwsCredentials credentials, SigV4Scope scope, DateTimeOffset time)
    {
        var (canonicalHeaders, signedHeaders) = SigV4Canonical.Headers(request.Headers);
        var canonicalRequest = string.Join(
            '\n',
            request.Method.ToUpperInvariant(),
            SigV4Canonical.Path(request.Path),
            SigV4Canonical.Query(request.Query),
            canonicalHeaders,
            signedHeaders,
            request.PayloadHash);
        var date = time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var credentialScope = date + "/" + scope.Region + "/" + scope.Service + "/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, FormatAmzDate(time), credentialScope, Sha256Hex(canonicalRequest));
        var key = SigningKey(credentials.SecretAccessKey, date, scope);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = Algorithm + " Credential=" + credentials.AccessKeyId + "/" + credentialScope
            + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
        return new SigV4Signature(canonicalRequest, stringToSign, signedHeaders, signature, authorization);
    }

    /// <summary>
    /// Sets Host, X-Amz-Date, X-Amz-Security-Token (temporary credentials) and, when asked, X-Amz-Content-SHA256
    /// on <paramref name="request"/>, then its Authorization header. Sign again for every retry attempt.
    /// </summary>
    public static async Task<SigV4Signature> SignAsync(
        HttpRequestMessage request,
        AwsCredentials credentials,
        SigV4Scope scope,
        DateTimeOffset time,
        bool includeContentSha256,
        CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no RequestUri.", nameof(request));
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        SetAmzHeaders(request, uri, credentials, time, includeContentSha256 ? payloadHash : null);
        var signable = new SigV4Request(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), SignableHeaders(request), payloadHash);
        var signature = Sign(signable, credentials, scope, time);
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return signature;
    }

    /// <summary>The X-Amz-Date form of a time: yyyyMMdd'T'HHmmss'Z' in UTC.</summary>
    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static void SetAmzHeaders(HttpRequestMessage request, Uri uri, AwsCredentials credentials, DateTimeOffset time, string? contentSha256)
    {
        foreach (var name in new[] { "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-SHA256" })
        {
            request.Headers.Remove(name);
        }

        request.Headers.Host = uri.IsDefaultPort ? uri.Host : uri.Authority;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", FormatAmzDate(time));
        if (credentials.SessionToken is { Length: > 0 } token)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", token);
        }

        if (contentSha256 is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Content-SHA256", contentSha256);
        }
    }

    private static List<KeyValuePair<string, string>> SignableHeaders(HttpRequestMessage request)
    {
        IEnumerable<KeyValuePair<string, HeaderStringValues>> all = request.Headers.NonValidated;
        if (request.Content is not null)
        {
            all = all.Concat(request.Content.Headers.NonValidated);
        }

        return all
            .Where(h => !UnsignedHeaders.Contains(h.Key))
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
            .ToList();
    }

    private static byte[] SigningKey(string secret, string date, SigV4Scope scope)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
