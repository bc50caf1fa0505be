namespace ClickBatch.Aws;

/// <summary>Retries of AWS calls on throttling, 5xx and network errors: exponential backoff with jitter.</summary>
public sealed record AwsRetryOptions
{
    /// <summary>Retries after the first attempt. Default 5 (6 attempts in all).</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry; doubles each retry, with jitter. Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of one delay. Default 20 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);
}
