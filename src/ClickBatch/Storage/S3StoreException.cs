using System.Net;
using Amazon.Runtime;
using ClickBatch.Errors;

namespace ClickBatch.Storage;

/// <summary>An S3 call of the object store failed. Transient (retried) for throttling, 5xx, conflicts and network errors.</summary>
public sealed class S3StoreException : ClickBatchException
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "RequestTimeout", "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable", "Throttling",
        "ThrottlingException", "ConditionalRequestConflict",
    };

    private readonly bool transient;

    public S3StoreException(string operation, Uri uri, AmazonServiceException inner)
        : base("S3 " + operation + " of " + uri + " failed with " + (inner.ErrorCode ?? "no error code") + " (HTTP " + (int)inner.StatusCode + "): " + inner.Message, inner)
    {
        ErrorCode = inner.ErrorCode;
        HttpStatus = inner.StatusCode;
        transient = (int)inner.StatusCode is >= 500 or 0 or 429 || TransientCodes.Contains(inner.ErrorCode ?? string.Empty);
        With("Operation", operation).With("Uri", uri.ToString()).With("ErrorCode", inner.ErrorCode).With("HttpStatus", (int)inner.StatusCode)
            .With("RequestId", inner.RequestId);
    }

    public string? ErrorCode { get; }

    public HttpStatusCode HttpStatus { get; }

    public override bool IsTransient => transient;
}
