namespace ClickBatch.Aws;

/// <summary>Fixed credentials, for tests and for moto_server.</summary>
public sealed class StaticCredentialSource(AwsCredentials credentials) : IAwsCredentialSource
{
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(credentials);
}
