using System.Net;
using System.Net.Sockets;
using ClickBatch.Aws;
using ClickBatch.Storage;

namespace ClickBatch.Tests.Storage;

/// <summary>
/// An S3 endpoint that accepts connections and never answers: each attempt ends at <see cref="S3StoreOptions.RequestTimeout"/>,
/// is retried, and the store then raises the unreachable error (exit 1), not an "unexpected TimeoutException".
/// </summary>
public sealed class S3ObjectStoreTimeoutTests
{
    [Fact]
    public async Task PutIfAbsentAsync_EndpointNeverAnswers_RetriesThenThrowsUnreachable()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = 0;
        var held = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                var client = await silent.AcceptTcpClientAsync();
                Interlocked.Increment(ref accepted);
                lock (held)
                {
                    held.Add(client);
                }
            }
        });
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:" + ((IPEndPoint)silent.LocalEndpoint).Port,
        };
        var store = S3ObjectStoreFactory.Create(S3StoreLocation.Parse("s3://lake/prod"), environment, TimeProvider.System, new S3StoreOptions
        {
            RequestTimeout = TimeSpan.FromMilliseconds(300),
            Retry = new AwsRetryOptions { MaxRetryAttempts = 1, BaseDelay = TimeSpan.Zero },
        });

        var error = await Should.ThrowAsync<AwsUnreachableException>(() => store.PutIfAbsentAsync("_delta_log/00000000000000000001.json", new byte[] { 1 }, CancellationToken.None));

        error.Message.ShouldStartWith("S3 conditional put of s3://lake/prod/_delta_log/00000000000000000001.json failed: could not reach http://127.0.0.1:");
        error.IsTransient.ShouldBeTrue();
        // At least the retry's connection; the HTTP handler may open one more under load, so no exact count.
        Volatile.Read(ref accepted).ShouldBeGreaterThanOrEqualTo(2, "the first attempt timed out and was retried");
        lock (held)
        {
            held.ForEach(c => c.Dispose());
        }
    }
}
