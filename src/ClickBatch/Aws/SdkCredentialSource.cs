using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using ClickBatch.Errors;

namespace ClickBatch.Aws;

/// <summary>
/// The standard AWS credential chain of AWSSDK.Core (environment, shared profile, web identity, ECS task role,
/// EC2 instance profile). The chain is resolved on first use, not in the constructor (it may call the instance
/// metadata service); the SDK's credential object refreshes temporary credentials before they expire.
/// </summary>
public sealed class SdkCredentialSource : IAwsCredentialSource
{
    private AWSCredentials? resolved;

    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            resolved ??= DefaultAWSCredentialsIdentityResolver.GetCredentials();
            var credentials = await resolved.GetCredentialsAsync().WaitAsync(cancellationToken);
            return new AwsCredentials(
                credentials.AccessKey,
                credentials.SecretKey,
                credentials.UseToken ? credentials.Token : null);
        }
        catch (AmazonClientException e)
        {
            throw new ClickBatchException(
                "No AWS credentials found in the standard chain (environment, profile, ECS task role, instance "
                + "profile): " + e.Message + " Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, "
                + "or run with a task role.",
                e);
        }
    }
}
