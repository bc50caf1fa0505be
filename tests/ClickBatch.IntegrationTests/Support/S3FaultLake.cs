using Amazon.S3.Model;
using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Configuration;
using ClickBatch.Decoding;
using ClickBatch.Jobs.Run;
using ClickBatch.Jobs.Verify;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// An <c>s3://</c> lake in moto with a Glue database, reached through a <see cref="FaultProxy"/>, and runs of the job
/// over a <see cref="RunHarness"/>'s topics: in this process (S3 and Glue clients with short timeouts and fast
/// retries) or as the real command. The truth is read around the proxy: the lake is copied from moto to a local
/// folder and checked with <see cref="OffsetVerifier"/> (DuckDB over the active files) against Kafka's watermarks.
/// </summary>
public sealed class S3FaultLake : IAsyncDisposable
{
    /// <summary>One attempt of an S3 or Glue call in the in-process runs; a <see cref="FaultKind.Timeout"/> costs this.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The product's attempts (6) with delays short enough for tests.</summary>
    public static readonly AwsRetryOptions FastRetry = new() { MaxRetryAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50) };

    private readonly MotoServerFixture _moto;
    private readonly RunHarness _harness;
    private readonly TempLake _copy = new();

    private S3FaultLake(MotoServerFixture moto, RunHarness harness, FaultProxy proxy, string bucket)
    {
        _moto = moto;
        _harness = harness;
        Proxy = proxy;
        Bucket = bucket;
        Database = "it_" + Guid.NewGuid().ToString("N")[..10];
    }

    public FaultProxy Proxy { get; }

    public string Bucket { get; }

    public string Lake => "s3://" + Bucket + "/lake";

    public string Database { get; }

    /// <summary>The AWS environment of a client of this lake: moto's, with the endpoint at the proxy.</summary>
    public IReadOnlyDictionary<string, string> Environment => Proxy.Environment(_moto.Environment);

    public static async Task<S3FaultLake> CreateAsync(MotoServerFixture moto, RunHarness harness, int seed, params FaultRule[] rules)
    {
        var bucket = await moto.CreateBucketAsync();
        return new S3FaultLake(moto, harness, await FaultProxy.StartAsync(moto.Endpoint, seed, rules), bucket);
    }

    public RunSettings Settings(long commitEveryRecords = 300)
    {
        var local = _harness.Settings(commitEveryRecords: commitEveryRecords);
        return local with
        {
            LakeUri = Lake,
            GlueDatabase = Database,
            Topics = local.Topics.Select(t => t with { TableUri = Lake + "/" + t.Topic, RejectsTableUri = Lake + "/" + t.Topic + "_rejects" }).ToList(),
        };
    }

    public IObjectStore Open(string uri) => S3ObjectStoreFactory.Create(
        S3StoreLocation.Parse(uri), Environment, TimeProvider.System, new S3StoreOptions { Retry = FastRetry, RequestTimeout = RequestTimeout });

    /// <summary>A Glue client through the proxy, with the in-process runs' timeout and retries.</summary>
    public GlueClient Glue() => new(new AwsJsonClient(
        new HttpClient(new SocketsHttpHandler()) { Timeout = RequestTimeout },
        AwsClientSettings.FromEnvironment(Environment, AwsService.Glue, FastRetry),
        new StaticCredentialSource(_moto.Credentials),
        TimeProvider.System));

    /// <summary>A Glue client straight to moto, for checking what the runs registered.</summary>
    public GlueClient GlueDirect() => new(_moto.CreateJsonClient(AwsService.Glue));

    public Task<RunReport> RunAsync(RunSettings settings, CancellationToken stop = default) =>
        new RunJob(settings, () => ConfluentKafkaSource.Create(settings.Kafka, settings.Source, TimeProvider.System, NullLogger.Instance),
            NullLoggerFactory.Instance, TimeProvider.System, Open, new GlueCatalogSync(Glue(), Database, NullLogger.Instance)).ExecuteAsync(stop);

    /// <summary>The arguments of <c>clickbatch run</c> over the harness's topics into this lake (no Glue unless asked).</summary>
    public async Task<string[]> RunArgumentsAsync(long commitEveryRecords, bool glue = false)
    {
        var config = await _harness.WriteCliConfigAsync(Path.Combine(_copy.Staging, ".."));
        string[] arguments =
        [
            "run", "--config", config, "--bootstrap-servers", _harness.BootstrapServers, "--lake", Lake, "--job-id", "it",
            "--commit-every-records", commitEveryRecords.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--max-reject-ratio", "0.5", "--staging-dir", _harness.Lake + "-staging", "--json",
        ];
        return glue ? [.. arguments, "--glue-database", Database] : arguments;
    }

    /// <summary>How many commits (<c>_delta_log/*.json</c>) the table of <paramref name="topic"/> has in moto.</summary>
    public async Task<int> CommitsAsync(string topic)
    {
        using var s3 = _moto.CreateS3Client();
        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = "lake/" + topic + "/_delta_log/" });
        return (page.S3Objects ?? []).Count(o => o.Key.EndsWith(".json", StringComparison.Ordinal));
    }

    /// <summary>Every produced (partition, offset) of both topics is in table + rejects exactly once (read around the proxy).</summary>
    public async Task ShouldHoldExactlyOnceAsync()
    {
        foreach (var verdict in await VerifyAsync())
        {
            verdict.IsExact.ShouldBeTrue($"{verdict.Topic}: {verdict.Duplicates} duplicates, {verdict.Missing} missing, {verdict.OutsideKafka} not in Kafka");
        }
    }

    /// <summary>No (partition, offset) of either topic is in table + rejects twice (a failed run may have landed only part).</summary>
    public async Task ShouldHoldNoDuplicatesAsync()
    {
        foreach (var verdict in await VerifyAsync())
        {
            verdict.Duplicates.ShouldBe(0, verdict.Topic);
            verdict.OutsideKafka.ShouldBe(0, verdict.Topic);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        _copy.Dispose();
    }

    private async Task<List<TopicVerdict>> VerifyAsync()
    {
        var local = await DownloadAsync();
        var verifier = new OffsetVerifier(_harness.BootstrapServers, TimeSpan.FromSeconds(10));
        var verdicts = new List<TopicVerdict>();
        foreach (var topic in new[] { _harness.Clicks, _harness.Checkouts })
        {
            var settings = new TopicSettings(BuiltInSchemas.Clicks with { Topic = topic }, PartitionMode.EventDate, local + "/" + topic, local + "/" + topic + "_rejects");
            verdicts.Add(await verifier.VerifyAsync(settings, CancellationToken.None));
        }

        return verdicts;
    }

    /// <summary>Copies the lake from moto (not through the proxy) into a fresh local folder and returns its path.</summary>
    private async Task<string> DownloadAsync()
    {
        var target = Path.Combine(_copy.Path, Guid.NewGuid().ToString("N")[..8]);
        using var s3 = _moto.CreateS3Client();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = "lake/" };
        do
        {
            var page = await s3.ListObjectsV2Async(request);
            foreach (var item in page.S3Objects ?? [])
            {
                var path = Path.Combine(target, item.Key["lake/".Length..]);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var response = await s3.GetObjectAsync(Bucket, item.Key);
                await using var file = File.Create(path);
                await response.ResponseStream.CopyToAsync(file);
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        return target;
    }
}
