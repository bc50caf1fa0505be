namespace ClickBatch.Aws;

/// <summary>Where signing credentials come from; asked before every request so rotating credentials stay fresh.</summary>
public interface IAwsCredentialSource
{
    ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
