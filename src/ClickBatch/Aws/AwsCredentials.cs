namespace ClickBatch.Aws;

/// <summary>
/// Credentials for one signing. <see cref="SessionToken"/> is set for temporary credentials (ECS task role,
/// instance profile, assumed role) and goes out as <c>X-Amz-Security-Token</c>. ToString never shows secrets.
/// </summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    public override string ToString() => "AwsCredentials { AccessKeyId = " + AccessKeyId + " }";
}
