using Amazon;
using Amazon.S3;
using ClickBatch.Aws;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Storage;

/// <summary>
/// Builds an <see cref="S3ObjectStore"/> from the injected environment: region from AWS_REGION / AWS_DEFAULT_REGION;
/// with AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL set, that endpoint with path-style addressing (moto, MinIO).
/// The S3 client lives as long as the process (IObjectStore is not disposable).
/// </summary>
public static class S3ObjectStoreFactory
{
    public static S3ObjectStore Create(
        S3StoreLocation location,
        IReadOnlyDictionary<string, string> environment,
        TimeProvider clock,
        S3StoreOptions? options = null,
        ILogger? logger = null)
    {
        options ??= new S3StoreOptions();
        var settings = AwsClientSettings.FromEnvironment(environment, AwsService.S3, options.Retry);
        var config = new AmazonS3Config { MaxErrorRetry = 0 }; // retries come from the Polly pipeline
        if (options.RequestTimeout is { } timeout)
        {
            config.Timeout = timeout;
        }
        if (settings.EndpointOverridden)
        {
            config.ServiceURL = settings.Endpoint.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        var credentials = AwsEnvironmentCredentials.ForSdk(environment);
        IAmazonS3 s3 = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
        var pipeline = AwsResilience.Create(options.Retry, clock, logger ?? NullLogger.Instance, "S3");
        return new S3ObjectStore(s3, location, options, pipeline);
    }
}
