using Amazon.Runtime;

namespace ClickBatch.Aws;

/// <summary>
/// Credentials as the injected environment gives them: explicit AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
/// (and AWS_SESSION_TOKEN) win, as in the SDK's chain; otherwise the SDK's standard chain (profile, web
/// identity, ECS task role, instance profile) resolves them.
/// </summary>
public static class AwsEnvironmentCredentials
{
    /// <summary>For the JSON clients (Glue, Redshift Data).</summary>
    public static IAwsCredentialSource Source(IReadOnlyDictionary<string, string> environment) =>
        Explicit(environment) is { } credentials ? new StaticCredentialSource(credentials) : new SdkCredentialSource();

    /// <summary>For AWSSDK clients (S3); null means "let the SDK resolve its chain".</summary>
    public static AWSCredentials? ForSdk(IReadOnlyDictionary<string, string> environment) => Explicit(environment) switch
    {
        null => null,
        { SessionToken: { } token } c => new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, token),
        var c => new BasicAWSCredentials(c.AccessKeyId, c.SecretAccessKey),
    };

    private static AwsCredentials? Explicit(IReadOnlyDictionary<string, string> environment)
    {
        var keyId = environment.GetValueOrDefault("AWS_ACCESS_KEY_ID");
        var secret = environment.GetValueOrDefault("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var token = environment.GetValueOrDefault("AWS_SESSION_TOKEN");
        return new AwsCredentials(keyId, secret, string.IsNullOrWhiteSpace(token) ? null : token);
    }
}
