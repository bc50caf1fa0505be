using ClickBatch.Aws;
using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.Storage;

namespace ClickBatch.Tests.Storage;

/// <summary>
/// An S3 endpoint nobody listens on (127.0.0.1 port 1 refuses connections): once the retries are spent, the store
/// raises a ClickBatch error naming the call and the endpoint, and the CLI ends with exit 1 and that message, never
/// the runtime's unhandled-exception abort.
/// </summary>
public class S3ObjectStoreUnreachableTests
{
    private static readonly Dictionary<string, string> Unreachable = new(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1",
    };

    [Fact]
    public async Task ReadAllBytesAsync_EndpointRefusesConnections_ThrowsUnreachableNamingCallAndEndpointAfterRetries()
    {
        var store = S3ObjectStoreFactory.Create(S3StoreLocation.Parse("s3://lake/prod"), Unreachable, TimeProvider.System,
            new S3StoreOptions { Retry = new AwsRetryOptions { MaxRetryAttempts = 1, BaseDelay = TimeSpan.Zero } });

        var error = await Should.ThrowAsync<AwsUnreachableException>(() => store.ReadAllBytesAsync("_delta_log/00000000000000000000.json", CancellationToken.None));

        error.Message.ShouldStartWith("S3 get of s3://lake/prod/_delta_log/00000000000000000000.json failed: could not reach http://127.0.0.1:1");
        error.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task TableDescribe_S3EndpointRefusesConnections_ExitsOneWithTheMessage()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var context = new CliContext(output, error, TimeProvider.System, Unreachable, IsInteractive: false);

        var exit = await ClickBatchCli.RunAsync(["table", "describe", "s3://lake/prod/clicks"], context);

        exit.ShouldBe(ExitCodes.Failure);
        error.ToString().ShouldStartWith("error: S3 ");
        error.ToString().ShouldContain("could not reach http://127.0.0.1:1");
        error.ToString().ShouldNotContain("unexpected");
    }
}
