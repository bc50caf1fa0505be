using ClickBatch.Aws;

namespace ClickBatch.Storage;

/// <summary>Upload and retry settings of <see cref="S3ObjectStore"/>.</summary>
public sealed record S3StoreOptions
{
    /// <summary>Files at least this large are uploaded in parts. Default 64 MiB.</summary>
    public long MultipartThreshold { get; init; } = 64L * 1024 * 1024;

    /// <summary>Size of one part of a multipart upload (S3 minimum 5 MiB, at most 10,000 parts). Default 64 MiB.</summary>
    public long PartSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>Keys per ListObjectsV2 page (S3 maximum and default 1000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>Time one S3 request may take before it is abandoned and retried; null for the SDK's default.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Retries on throttling (SlowDown), 5xx and network errors. The SDK's own retries are turned off.</summary>
    public AwsRetryOptions Retry { get; init; } = new();
}
