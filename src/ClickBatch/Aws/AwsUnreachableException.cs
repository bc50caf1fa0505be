using System.Net.Sockets;
using Amazon.Runtime;
using ClickBatch.Errors;

namespace ClickBatch.Aws;

/// <summary>
/// An AWS call (S3, Glue, Redshift Data) that never got an answer: connection refused or reset, DNS failure, HTTP
/// timeout, after the retry pipeline spent its attempts. Transient: rerunning later may succeed, and nothing
/// committed is lost (a run resumes from the offsets in the Delta log).
/// </summary>
public sealed class AwsUnreachableException : ClickBatchException
{
    public AwsUnreachableException(string call, string endpoint, Exception inner)
        : base(call + " failed: could not reach " + endpoint + " (" + Describe(inner) + "), also after retries. Check network access to AWS "
            + "(VPC endpoint, NAT, security group), AWS_REGION and AWS_ENDPOINT_URL; then rerun (committed work is kept).", inner)
    {
        With("Call", call).With("Endpoint", endpoint);
    }

    public override bool IsTransient => true;

    /// <summary>True for the failures of reaching a service at all, as opposed to an error response it sent.</summary>
    public static bool IsNetwork(Exception exception) => exception switch
    {
        AmazonServiceException => false,
        HttpRequestException or IOException or SocketException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        AmazonClientException { InnerException: { } inner } => IsNetwork(inner),
        _ => false,
    };

    private static string Describe(Exception exception) =>
        exception.InnerException is { } inner && exception is AmazonClientException ? Describe(inner) : exception.Message;
}
