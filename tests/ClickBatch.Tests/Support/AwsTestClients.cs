using ClickBatch.Aws;

namespace ClickBatch.Tests.Support;

/// <summary>AWS JSON clients over a fake handler, static credentials and no retry delays unless asked.</summary>
public static class AwsTestClients
{
    public static readonly AwsCredentials Credentials = new("AKIDTEST", "secret-test");

    public static AwsJsonClient Json(FakeHttpHandler handler, AwsService service, TimeProvider? clock = null, AwsRetryOptions? retry = null, AwsCredentials? credentials = null)
    {
        var settings = new AwsClientSettings(
            service,
            "us-east-1",
            new Uri("https://" + service.EndpointPrefix + ".us-east-1.amazonaws.com/"),
            retry ?? new AwsRetryOptions { MaxRetryAttempts = 2, BaseDelay = TimeSpan.Zero });
        return new AwsJsonClient(new HttpClient(handler), settings, new StaticCredentialSource(credentials ?? Credentials), clock ?? TimeProvider.System);
    }
}
