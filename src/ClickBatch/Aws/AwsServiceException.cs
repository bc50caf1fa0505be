using System.Net;
using ClickBatch.Errors;

namespace ClickBatch.Aws;

/// <summary>
/// An AWS call that failed with an error response. Names the service, operation and AWS error code; transient
/// (retried by the client's pipeline) for throttling and 5xx.
/// </summary>
public sealed class AwsServiceException : ClickBatchException
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "ThrottledException", "RequestLimitExceeded",
        "RequestThrottled", "RequestThrottledException", "ProvisionedThroughputExceededException", "SlowDown",
        "RequestTimeout", "RequestTimeoutException",
    };

    public AwsServiceException(string service, string operation, string errorCode, HttpStatusCode httpStatus, string? requestId, string? awsMessage)
        : base(FormatMessage(service, operation, errorCode, httpStatus, awsMessage))
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        HttpStatus = httpStatus;
        RequestId = requestId;
        AwsMessage = awsMessage;
        With(nameof(Service), service).With(nameof(Operation), operation).With(nameof(ErrorCode), errorCode)
            .With(nameof(HttpStatus), (int)httpStatus).With(nameof(RequestId), requestId);
    }

    public string Service { get; }

    public string Operation { get; }

    /// <summary>The AWS error code, e.g. EntityNotFoundException (any "namespace#" prefix removed).</summary>
    public string ErrorCode { get; }

    public HttpStatusCode HttpStatus { get; }

    public string? RequestId { get; }

    /// <summary>The message text AWS sent, if any.</summary>
    public string? AwsMessage { get; }

    public override bool IsTransient =>
        (int)HttpStatus >= 500 || HttpStatus == HttpStatusCode.TooManyRequests || ThrottlingCodes.Contains(ErrorCode);

    private static string FormatMessage(string service, string operation, string errorCode, HttpStatusCode status, string? awsMessage) =>
        service + " " + operation + " failed with " + errorCode + " (HTTP " + (int)status + ")"
        + (string.IsNullOrWhiteSpace(awsMessage) ? "." : ": " + awsMessage);
}
