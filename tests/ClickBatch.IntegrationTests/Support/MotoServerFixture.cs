using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using ClickBatch.Aws;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// A moto_server on 127.0.0.1 and a free port, shared by the tests of the "moto" collection. Fails (never skips)
/// when python3 or moto is missing. Its output is drained continuously (moto logs every request and would block
/// on a full pipe); the last lines are kept for failure messages. The process tree is killed on dispose.
/// </summary>
public partial class MotoServerFixture : IAsyncLifetime
{
    private const int KeptLines = 50;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Queue<string> lastLines = new();
    private readonly TaskCompletionSource<int> port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? process;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The credentials clients sign with ("testing" unless a subclass creates real ones).</summary>
    public AwsCredentials Credentials { get; protected set; } = new("testing", "testing");

    /// <summary>Extra environment variables of the moto_server process.</summary>
    protected virtual IReadOnlyDictionary<string, string> ServerEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>The environment a ClickBatch process would be given to talk to this server.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = Credentials.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = Credentials.SecretAccessKey,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public string Output
    {
        get
        {
            lock (lastLines)
            {
                return string.Join(System.Environment.NewLine, lastLines);
            }
        }
    }

    public virtual async Task InitializeAsync()
    {
        process = Start();
        var started = await Task.WhenAny(port.Task, process.WaitForExitAsync(), Task.Delay(StartTimeout));
        if (started != port.Task)
        {
            throw new InvalidOperationException(Describe(process.HasExited
                ? "moto_server exited with code " + process.ExitCode + " before listening"
                : "moto_server printed no 'Running on http://127.0.0.1:PORT' line within " + StartTimeout));
        }

        Endpoint = new Uri("http://127.0.0.1:" + await port.Task + "/");
        await WaitUntilReadyAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Dispose never throws; a server that will not die is left to the OS when the test host exits.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>An AWS JSON client for <paramref name="service"/> against this server, through <paramref name="handler"/> if given.</summary>
    public AwsJsonClient CreateJsonClient(AwsService service, HttpMessageHandler? handler = null, AwsRetryOptions? retry = null, AwsCredentials? credentials = null)
    {
        var settings = AwsClientSettings.FromEnvironment(Environment, service, retry);
        var http = new HttpClient(handler ?? new HttpClientHandler()) { Timeout = TimeSpan.FromSeconds(30) };
        return new AwsJsonClient(http, settings, new StaticCredentialSource(credentials ?? Credentials), TimeProvider.System);
    }

    /// <summary>A plain SDK S3 client against this server, for test setup and for checking what the store wrote.</summary>
    public AmazonS3Client CreateS3Client() =>
        new(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config { ServiceURL = Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    /// <summary>Creates a bucket with a unique name and returns the name.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var bucket = UniqueName("bucket").Replace('_', '-');
        using var s3 = CreateS3Client();
        await s3.PutBucketAsync(bucket);
        return bucket;
    }

    /// <summary>A name no other test uses (Glue names: lower case letters, digits, underscores).</summary>
    public static string UniqueName(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    private Process Start()
    {
        var info = new ProcessStartInfo("python3")
        {
            ArgumentList = { "-m", "moto.server", "-H", "127.0.0.1", "-p", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in ServerEnvironment)
        {
            info.Environment[name] = value;
        }

        try
        {
            var started = new Process { StartInfo = info, EnableRaisingEvents = true };
            started.OutputDataReceived += (_, e) => Keep(e.Data);
            started.ErrorDataReceived += (_, e) => Keep(e.Data);
            started.Start();
            started.BeginOutputReadLine();
            started.BeginErrorReadLine();
            return started;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "Cannot start python3 for moto_server (" + e.Message + "). Install Python 3 and moto: pip install 'moto[server]==5.2.1'.", e);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        var match = RunningOn().Match(line);
        if (match.Success)
        {
            port.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            while (lastLines.Count > KeptLines)
            {
                lastLines.Dequeue();
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "moto-api/"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException(Describe("moto_server at " + Endpoint + " did not answer GET /moto-api/ with 200 within " + StartTimeout));
    }

    private string Describe(string problem) =>
        problem + ". Is moto installed (python3 -c 'import moto'; pip install 'moto[server]==5.2.1')? Its output:"
        + System.Environment.NewLine + Output;

    [GeneratedRegex(@"Running on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex RunningOn();
}
