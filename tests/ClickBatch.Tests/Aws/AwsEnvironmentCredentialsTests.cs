using Amazon.Runtime;
using ClickBatch.Aws;

namespace ClickBatch.Tests.Aws;

public sealed class AwsEnvironmentCredentialsTests
{
    [Fact]
    public async Task Source_ExplicitKeysAndToken_UsesThem()
    {
        var environment = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKID", ["AWS_SECRET_ACCESS_KEY"] = "s", ["AWS_SESSION_TOKEN"] = "t" };

        var credentials = await AwsEnvironmentCredentials.Source(environment).GetCredentialsAsync(CancellationToken.None);

        credentials.ShouldBe(new AwsCredentials("AKID", "s", "t"));
    }

    [Fact]
    public void Source_NoKeys_FallsBackToTheSdkChain()
    {
        AwsEnvironmentCredentials.Source(new Dictionary<string, string>()).ShouldBeOfType<SdkCredentialSource>();
        AwsEnvironmentCredentials.ForSdk(new Dictionary<string, string>()).ShouldBeNull();
    }

    [Fact]
    public void ForSdk_SessionToken_GivesSessionCredentials()
    {
        var environment = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKID", ["AWS_SECRET_ACCESS_KEY"] = "s", ["AWS_SESSION_TOKEN"] = "t" };

        AwsEnvironmentCredentials.ForSdk(environment).ShouldBeOfType<SessionAWSCredentials>();
    }
}
