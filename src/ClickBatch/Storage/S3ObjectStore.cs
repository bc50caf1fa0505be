using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using ClickBatch.Aws;
using ClickBatch.Errors;
using Polly;

namespace ClickBatch.Storage;

/// <summary>
/// <see cref="IObjectStore"/> on S3 (AWSSDK.S3 4.x). Conditional create uses PutObject If-None-Match: * (412 means
/// the key exists: another writer won). Large files go up in parts. Every call runs in a Polly retry pipeline;
/// S3 errors become <see cref="S3StoreException"/> or <see cref="ObjectNotFoundException"/>.
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 s3, S3StoreLocation location, S3StoreOptions options, ResiliencePipeline pipeline) : IObjectStore
{
    public Uri RootUri => location.RootUri;

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, string? startAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request
        {
            BucketName = location.Bucket,
            Prefix = location.KeyOf(prefix),
            StartAfter = startAfter is null ? null : location.KeyOf(startAfter),
            MaxKeys = options.ListPageSize,
        };
        do
        {
            var page = await RunAsync("list", GetAbsoluteUri(prefix), ct => s3.ListObjectsV2Async(request, ct), cancellationToken);
            foreach (var item in page.S3Objects ?? []) // SDK v4: null, not empty, when nothing matches
            {
                yield return new ObjectInfo(location.RelativeKey(item.Key), item.Size ?? 0, ToOffset(item.LastModified));
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    public async Task<byte[]> ReadAllBytesAsync(string key, CancellationToken cancellationToken)
    {
        return await RunAsync("get", GetAbsoluteUri(key), async ct =>
        {
            using var response = await s3.GetObjectAsync(location.Bucket, location.KeyOf(key), ct);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }, cancellationToken);
    }

    public async Task<byte[]> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken)
    {
        return await RunAsync("get range", GetAbsoluteUri(key), async ct =>
        {
            var request = new GetObjectRequest
            {
                BucketName = location.Bucket,
                Key = location.KeyOf(key),
                ByteRange = new ByteRange(offset, offset + length - 1),
            };
            using var response = await s3.GetObjectAsync(request, ct);
            var buffer = new byte[length];
            await response.ResponseStream.ReadExactlyAsync(buffer, ct);
            return buffer;
        }, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var response = await RunAsync("get", GetAbsoluteUri(key), ct => s3.GetObjectAsync(location.Bucket, location.KeyOf(key), ct), cancellationToken);
        return response.ResponseStream; // disposing the stream releases the connection; the response holds nothing else
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        RunAsync("put", GetAbsoluteUri(key), ct => s3.PutObjectAsync(PutRequest(key, content, ifNoneMatch: false), ct), cancellationToken);

    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var size = new FileInfo(localPath).Length;
        return size < options.MultipartThreshold
            ? RunAsync("put", GetAbsoluteUri(key), ct => s3.PutObjectAsync(new PutObjectRequest { BucketName = location.Bucket, Key = location.KeyOf(key), FilePath = localPath }, ct), cancellationToken)
            : RunAsync("multipart upload", GetAbsoluteUri(key), ct => UploadInPartsAsync(key, localPath, ct), cancellationToken);
    }

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("conditional put", GetAbsoluteUri(key), ct => s3.PutObjectAsync(PutRequest(key, content, ifNoneMatch: true), ct), cancellationToken);
            return true;
        }
        catch (S3StoreException e) when (e.HttpStatus == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        RunAsync("delete", GetAbsoluteUri(key), ct => s3.DeleteObjectAsync(location.Bucket, location.KeyOf(key), ct), cancellationToken);

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => await HeadAsync(key, cancellationToken) is not null;

    public async Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await RunAsync("head", GetAbsoluteUri(key), ct => s3.GetObjectMetadataAsync(location.Bucket, location.KeyOf(key), ct), cancellationToken);
            return new ObjectInfo(key, metadata.ContentLength, ToOffset(metadata.LastModified));
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    public Uri GetAbsoluteUri(string key) => new(RootUri.AbsoluteUri + UriPath.Escape(key));

    private string Endpoint => s3.Config.ServiceURL ?? "the S3 endpoint of region " + s3.Config.RegionEndpoint?.SystemName;

    private static DateTimeOffset ToOffset(DateTime? time) =>
        time is { } t ? new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue;

    private PutObjectRequest PutRequest(string key, ReadOnlyMemory<byte> content, bool ifNoneMatch) => new()
    {
        BucketName = location.Bucket,
        Key = location.KeyOf(key),
        InputStream = new MemoryStream(content.ToArray(), writable: false),
        IfNoneMatch = ifNoneMatch ? "*" : null,
    };

    private async Task UploadInPartsAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        using var transfer = new TransferUtility(s3, new TransferUtilityConfig { MinSizeBeforePartUpload = options.MultipartThreshold });
        var request = new TransferUtilityUploadRequest
        {
            BucketName = location.Bucket,
            Key = location.KeyOf(key),
            FilePath = localPath,
            PartSize = options.PartSize,
        };
        await transfer.UploadAsync(request, cancellationToken);
    }

    private async Task<T> RunAsync<T>(string operation, Uri uri, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(
                async ct =>
                {
                    try
                    {
                        return await call(ct);
                    }
                    catch (AmazonServiceException e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
                    {
                        throw new ObjectNotFoundException(uri, e);
                    }
                    catch (AmazonServiceException e)
                    {
                        throw new S3StoreException(operation, uri, e);
                    }
                    catch (TimeoutException e) when (!ct.IsCancellationRequested)
                    {
                        // The SDK's request timeout (AmazonS3Config.Timeout) surfaces as a bare TimeoutException: a
                        // request that got no answer in time, retried like an unreachable endpoint (it escaped as
                        // "unexpected TimeoutException", exit 1 without retries, before).
                        throw new AwsUnreachableException("S3 " + operation + " of " + uri, Endpoint, e);
                    }
                },
                cancellationToken);
        }
        catch (Exception e) when (AwsUnreachableException.IsNetwork(e))
        {
            throw new AwsUnreachableException("S3 " + operation + " of " + uri, Endpoint, e);
        }
        catch (AmazonClientException e)
        {
            // Raised by the SDK before any request: no credentials in the chain, a bad region or endpoint.
            throw new ClickBatchException("S3 " + operation + " of " + uri + " failed before reaching S3: " + e.Message
                + " For credentials set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with a task role (docs/aws.md).", e)
                .With("Operation", operation).With("Uri", uri.ToString());
        }
    }

    private Task RunAsync(string operation, Uri uri, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync(operation, uri, async ct =>
        {
            await call(ct);
            return true;
        }, cancellationToken);
}
