using ClickBatch.Errors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ClickBatch.Aws;

/// <summary>
/// The retry pipeline of the AWS clients: transient <see cref="ClickBatchException"/>s (throttling, 5xx),
/// network errors and HTTP timeouts, exponential backoff with jitter, bounded attempts, delays on the injected clock.
/// </summary>
public static class AwsResilience
{
    public static ResiliencePipeline Create(AwsRetryOptions options, TimeProvider clock, ILogger logger, string service)
    {
        var retry = new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<ClickBatchException>(e => e.IsTransient)
                .Handle<HttpRequestException>()
                .Handle<IOException>()
                .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            OnRetry = args =>
            {
                AwsLog.Retrying(
                    logger,
                    service,
                    args.Context.OperationKey ?? "?",
                    Describe(args.Outcome.Exception),
                    args.AttemptNumber + 1,
                    (long)args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        };
        return new ResiliencePipelineBuilder { TimeProvider = clock }.AddRetry(retry).Build();
    }

    private static string Describe(Exception? exception) => exception switch
    {
        AwsServiceException aws => aws.ErrorCode + " HTTP " + (int)aws.HttpStatus,
        null => "no exception",
        _ => exception.GetType().Name,
    };
}
